// The table every administrator screen lists its data in: "loading" while the data comes, the error
// with a retry, then a captioned table that scrolls sideways, its column headings (the last one, the
// row's buttons, named for screen readers only when `actions` is set) and the rows `rows` draws.
import type { ComponentChildren } from 'preact';
import { useI18n } from '../../i18n/index.ts';
import { OfficeError } from '../OfficeError.tsx';
import { TableScroller } from '../TableScroller.tsx';
import type { Loaded } from './useAdminData.ts';

export function AdminTable<T>(props: {
  loaded: Loaded<T>;
  reload(): void;
  /** The table's class (besides office-table), and the stem of its caption's id. */
  name: string;
  caption: (data: T) => ComponentChildren;
  columns: string[];
  /** A last column of buttons, headed for screen readers only. */
  actions?: boolean;
  rows: (data: T) => ComponentChildren;
}) {
  const { t } = useI18n();
  const { loaded } = props;
  if (loaded.status === 'loading') return <p role="status">{t('loading')}</p>;
  if (loaded.status === 'error') return <OfficeError error={loaded.error} onRetry={props.reload} />;
  const captionId = `${props.name}-caption`;
  return (
    <TableScroller captionId={captionId}>
      <table class={`office-table ${props.name}`}>
        <caption id={captionId}>{props.caption(loaded.data)}</caption>
        <thead>
          <tr>
            {props.columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
            {props.actions && (
              <th scope="col">
                <span class="visually-hidden">{t('admin.actions')}</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>{props.rows(loaded.data)}</tbody>
      </table>
    </TableScroller>
  );
}
