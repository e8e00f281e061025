import { useId } from 'react';
import { formatNumber } from '../../i18n/format';
import { useLocalize } from '../../i18n/language';
import type { CountLine } from './api';

const BAR_HEIGHT = 22;
const GAP = 8;
const LABEL_WIDTH = 340;
const BAR_AREA = 220;
const VALUE_WIDTH = 50;
/** Longer labels are cut short here; the table beside the chart holds them whole. */
const LABEL_CHARACTERS = 44;

/**
 * A horizontal bar chart drawn as plain SVG (the app bundles no chart library and loads nothing
 * from outside its origin). Each bar carries its number as text, and the figure is titled and
 * described for screen readers; the table beside it holds the same numbers.
 */
export function CountBars({ title, lines }: { title: string; lines: readonly CountLine[] }) {
  const localize = useLocalize();
  const titleId = useId();
  const largest = Math.max(1, ...lines.map((line) => line.count));
  const height = lines.length * (BAR_HEIGHT + GAP);
  const width = LABEL_WIDTH + BAR_AREA + VALUE_WIDTH;
  return (
    <svg
      role="img"
      aria-labelledby={titleId}
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      style={{ maxWidth: width, display: 'block' }}
    >
      <title id={titleId}>{title}</title>
      {lines.map((line, index) => {
        const y = index * (BAR_HEIGHT + GAP);
        const barWidth = (line.count / largest) * BAR_AREA;
        const label = localize(line.label);
        return (
          <g key={line.code || '(none)'}>
            <text
              x={LABEL_WIDTH - 8}
              y={y + BAR_HEIGHT / 2}
              textAnchor="end"
              dominantBaseline="middle"
              fontSize={13}
              fill="#1f1f1f"
            >
              {label.length > LABEL_CHARACTERS ? `${label.slice(0, LABEL_CHARACTERS - 1)}…` : label}
            </text>
            <rect
              x={LABEL_WIDTH}
              y={y}
              width={Math.max(barWidth, line.count > 0 ? 2 : 0)}
              height={BAR_HEIGHT}
              fill="#1d4ed8"
            />
            <text
              x={LABEL_WIDTH + barWidth + 6}
              y={y + BAR_HEIGHT / 2}
              dominantBaseline="middle"
              fontSize={13}
              fill="#1f1f1f"
            >
              {formatNumber(line.count)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
