/** What leaves the browser: every kind of request Paperlens can make (src/privacy.ts), and when. */
import { REQUESTS } from '../../privacy';
import type { Settings } from '../../settings/schema';

export function PrivacySection({ settings, harvestOn = false }: { settings: Settings; harvestOn?: boolean }) {
  return (
    <section data-section="privacy">
      <h2>Privacy</h2>
      <p>
        Paperlens makes no network request of its own unless you turn one on below. Everything it knows lives in this
        browser, in the extension’s IndexedDB.{' '}
        {harvestOn &&
          'A harvest you started (“Build from arXiv”) is under way or updates daily, so its requests happen. '}
        {settings.arxivUpdates
          ? 'You turned on “Fresh papers from arXiv”, so these requests happen when you click “Update from arXiv”:'
          : harvestOn
            ? 'These are all the requests Paperlens can make:'
            : 'Right now none of these requests can happen:'}
      </p>
      <table>
        <thead>
          <tr>
            <th>Request</th>
            <th>To</th>
            <th>When</th>
            <th>What it carries</th>
          </tr>
        </thead>
        <tbody>
          {REQUESTS.map((r) => (
            <tr key={r.id} data-request-kind={r.id}>
              <td>{r.what}</td>
              <td>{r.to}</td>
              <td>{r.when}</td>
              <td>{r.sends}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
