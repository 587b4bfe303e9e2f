// IndexedDB for Node: fake-indexeddb's globals (IDBRequest, IDBKeyRange…) that idb expects to find.
import 'fake-indexeddb/auto';
