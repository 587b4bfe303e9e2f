import '../../src/ui/pages.css';
import '../../src/ui/options/options.css';
import '../../src/ui/harvest/harvest.css';
import { render } from 'preact';
import { followThemeSetting } from '../../src/ui/page-theme';
import { Welcome } from '../../src/ui/welcome/Welcome';

followThemeSetting(document);
render(<Welcome />, document.getElementById('app')!);
