/** The library page: reading list, corpus, backups, and the author / topic / paper views, by hash route. */
import { useEffect, useState } from 'preact/hooks';
import { BackupView } from './BackupView';
import { CorpusView } from './CorpusView';
import { ReadingListView } from './ReadingListView';
import { parseRoute, type Route } from './route';
import { AuthorView, PaperView, TopicView } from './Views';

const TABS = [
  ['list', 'Reading list'],
  ['corpus', 'Corpus'],
  ['backup', 'Export & backup'],
] as const;

export function Library() {
  const [route, setRoute] = useState<Route>(() => parseRoute(location.hash));
  useEffect(() => {
    const on = () => {
      setRoute(parseRoute(location.hash));
      window.scrollTo(0, 0);
    };
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);

  return (
    <div>
      <div class="pl-bar">
        <h1>Paperlens library</h1>
        <nav class="pl-tabs">
          {TABS.map(([view, label]) => (
            <a key={view} href={`#${view}`} aria-current={route.view === view ? 'page' : undefined}>
              {label}
            </a>
          ))}
        </nav>
      </div>
      <main>
        {route.view === 'list' && (
          <>
            <h2>Reading list</h2>
            <ReadingListView />
          </>
        )}
        {route.view === 'corpus' && (
          <>
            <h2>Corpus</h2>
            <CorpusView />
          </>
        )}
        {route.view === 'backup' && <BackupView />}
        {route.view === 'author' && <AuthorView authorKey={route.key} />}
        {route.view === 'topic' && <TopicView topic={route.key} />}
        {route.view === 'paper' && <PaperView id={route.key} />}
      </main>
    </div>
  );
}
