// The options of a select over [code, name] pairs (districts, villages, islands), after a first
// empty option that means "none chosen" or "all".
export function CodeOptions({ empty, items }: { empty: string; items: ReadonlyArray<readonly [string, string]> }) {
  return (
    <>
      <option value="">{empty}</option>
      {items.map(([code, name]) => (
        <option key={code} value={code}>
          {name}
        </option>
      ))}
    </>
  );
}
