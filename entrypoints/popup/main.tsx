import '../../src/ui/pages.css';
import '../../src/ui/popup/popup.css';
import { render } from 'preact';
import { followThemeSetting } from '../../src/ui/page-theme';
import { Popup } from '../../src/ui/popup/Popup';

followThemeSetting(document);
render(<Popup />, document.getElementById('app')!);
