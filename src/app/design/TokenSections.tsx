// The token half of /_design: every token of tokens.css by group — colours as swatches with the
// contrast of each use (src/app/design/palette.ts), the type scale, the space steps, the radii and the
// target sizes, each drawn with its own token.

import { contrastRatio, parseHex } from './contrast.ts';
import { COLOUR_USES, MINIMUM } from './palette.ts';
import { groupOf, readTokens, TOKEN_GROUPS, type Token, type TokenGroup } from './token-sheet.ts';
import sheet from './tokens.css?raw';

const TOKENS = readTokens(sheet);
const tokenValue = (name: string) => TOKENS.find((t) => t.name === `--${name}`)?.value ?? '';

function Ratio({ fg, bg, kind }: { fg: string; bg: string; kind: 'text' | 'non-text' }) {
  const ratio = contrastRatio(tokenValue(fg), tokenValue(bg));
  const pass = ratio >= MINIMUM[kind];
  return (
    <span class={pass ? 'design__ratio' : 'design__ratio design__ratio--low'} data-pass={String(pass)}>
      {ratio.toFixed(2)}:1 {pass ? 'AA' : 'below AA'} ({kind}, needs {MINIMUM[kind]}:1)
    </span>
  );
}

function Swatch({ token }: { token: Token }) {
  const name = token.name.slice(2);
  const asForeground = COLOUR_USES.filter((u) => u.token === name);
  const asBackground = COLOUR_USES.filter((u) => u.on === name);
  return (
    <li class="design__swatch" data-token={token.name}>
      <span class="design__chip" style={{ background: `var(${token.name})` }} aria-hidden="true" />
      <div>
        <code>{token.name}</code> <code>{token.value}</code>
        {token.note && <p class="design__note">{token.note}</p>}
        {!parseHex(token.value) && <p class="design__note">Translucent or composite: no contrast ratio.</p>}
        {(asForeground.length > 0 || asBackground.length > 0) && (
          <ul class="design__uses">
            {asForeground.map((u) => (
              <li key={`${u.token}-${u.on}`}>
                on <code>--{u.on}</code> ({u.where}): <Ratio fg={u.token} bg={u.on} kind={u.kind} />
              </li>
            ))}
            {asBackground.map((u) => (
              <li key={`${u.token}-${u.on}`}>
                under <code>--{u.token}</code> ({u.where}): <Ratio fg={u.token} bg={u.on} kind={u.kind} />
              </li>
            ))}
          </ul>
        )}
      </div>
    </li>
  );
}

function Sample({ token }: { token: Token }) {
  const v = `var(${token.name})`;
  const style = token.name.startsWith('--font-size-')
    ? { fontSize: v }
    : token.name.startsWith('--font-weight-')
      ? { fontWeight: v }
      : token.name.startsWith('--line-height-')
        ? { lineHeight: v, maxWidth: '20rem' }
        : { fontFamily: v };
  return (
    <li class="design__type" data-token={token.name}>
      <code>
        {token.name}: {token.value}
      </code>
      {token.note && <span class="design__note"> {token.note}</span>}
      <p style={style}>Layanan publik untuk kepulauan, tetap berjalan tanpa sinyal. 0123456789</p>
    </li>
  );
}

function Measure({ token, group }: { token: Token; group: TokenGroup }) {
  const v = `var(${token.name})`;
  return (
    <li class="design__measure" data-token={token.name}>
      {group === 'space' && <span class="design__bar" style={{ width: v }} aria-hidden="true" />}
      {group === 'radius' && <span class="design__corner" style={{ borderRadius: v }} aria-hidden="true" />}
      {group === 'size' && <span class="design__target" style={{ width: v, height: v }} aria-hidden="true" />}
      <code>
        {token.name}: {token.value}
      </code>
      {token.note && <span class="design__note"> {token.note}</span>}
    </li>
  );
}

export function TokenSections() {
  return (
    <section id="tokens" aria-labelledby="tokens-title">
      <h2 id="tokens-title">Tokens</h2>
      {TOKEN_GROUPS.map(({ group, title }) => {
        const tokens = TOKENS.filter((t) => groupOf(t.name) === group);
        return (
          <section key={group} id={`tokens-${group}`} class="design__group" aria-labelledby={`tokens-${group}-title`}>
            <h3 id={`tokens-${group}-title`}>{title}</h3>
            <ul class={group === 'colour' ? 'design__swatches' : 'design__list'}>
              {tokens.map((t) =>
                group === 'colour' ? (
                  <Swatch key={t.name} token={t} />
                ) : group === 'type' ? (
                  <Sample key={t.name} token={t} />
                ) : (
                  <Measure key={t.name} token={t} group={group} />
                ),
              )}
            </ul>
          </section>
        );
      })}
    </section>
  );
}
