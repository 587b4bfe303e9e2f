import '../../src/ui/pages.css';
import '../../src/ui/library/library.css';
import { render } from 'preact';
import { Library } from '../../src/ui/library/Library';
import { followThemeSetting } from '../../src/ui/page-theme';

followThemeSetting(document);
render(<Library />, document.getElementById('app')!);
