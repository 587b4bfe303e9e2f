import '../../src/ui/pages.css';
import '../../src/ui/library/library.css';
import { render } from 'preact';
import { Library } from '../../src/ui/library/Library';

render(<Library />, document.getElementById('app')!);
