import '../../src/ui/pages.css';
import '../../src/ui/options/options.css';
import '../../src/ui/harvest/harvest.css';
import { render } from 'preact';
import { Options } from '../../src/ui/options/Options';
import { followThemeSetting } from '../../src/ui/page-theme';

followThemeSetting(document);
render(<Options />, document.getElementById('app')!);
