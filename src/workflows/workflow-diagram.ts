import type { CompiledWorkflow } from '../domain/workflow/compile-workflow';
import { transitionsOf } from '../domain/workflow/definition';

export const DIAGRAM_LANGUAGES = ['vi', 'en'] as const;
export type DiagramLanguage = (typeof DIAGRAM_LANGUAGES)[number];

/** A diagram of one workflow version, in one language, optionally marking the case's state. */
export interface DiagramRequest {
  workflow: CompiledWorkflow;
  lang: DiagramLanguage;
  /** A state of the workflow (checked by the caller). */
  current?: string;
}

const WORDS: Record<
  DiagramLanguage,
  Record<'version' | 'states' | 'current' | 'moves' | 'start', string>
> = {
  vi: {
    version: 'phiên bản',
    states: 'Các bước',
    current: 'Bước hiện tại',
    moves: 'Chuyển bước',
    start: 'Bắt đầu',
  },
  en: {
    version: 'version',
    states: 'States',
    current: 'Current state',
    moves: 'Transitions',
    start: 'Start',
  },
};

/**
 * Colours and shapes, in the picture and in the classes a page may style: final states have a
 * double border and a grey fill, the current state a thick amber border and fill. Helvetica is
 * only a name (the viewer's own sans-serif stands in): the SVG embeds and fetches no font.
 */
const STYLE = {
  font: 'Helvetica',
  state: { color: '#4b5563', fill: '#ffffff' },
  final: { fill: '#e5e7eb' },
  current: { color: '#b45309', fill: '#fde68a', penwidth: '2.5' },
} as const;

/** The diagram's accessible name, also the graph's own title. */
export function diagramTitle({ workflow, lang }: DiagramRequest): string {
  const { title, version } = workflow.definition;
  return `${title[lang]} (${WORDS[lang].version} ${version})`;
}

/** The same diagram as text, for screen readers (the SVG's <desc>). */
export function diagramDescription({ workflow, lang, current }: DiagramRequest): string {
  const { machine, events } = workflow.definition;
  const label = (state: string) => machine.states[state].meta.label[lang];
  const words = WORDS[lang];
  const moves = Object.entries(machine.states).flatMap(([state, config]) =>
    Object.keys(config.on ?? {}).flatMap((event) =>
      transitionsOf(config, event).map(
        (t) => `${label(state)} → ${label(t.target)}: ${events[event].label[lang]}`,
      ),
    ),
  );
  return [
    `${words.states}: ${Object.keys(machine.states).map(label).join(', ')}.`,
    ...(current === undefined ? [] : [`${words.current}: ${label(current)}.`]),
    `${words.moves}: ${moves.join('; ')}.`,
  ].join(' ');
}

/**
 * The workflow as a Graphviz graph: one node per state (its label in `lang`), one edge per
 * transition labelled with its event, an entry arrow into the initial state. Node ids
 * (`state-<name>`) and classes (`state`, `final`, `current`) let a page find and style them.
 */
export function workflowDot(request: DiagramRequest): string {
  const { workflow, lang, current } = request;
  const { machine, events } = workflow.definition;
  const lines = [
    `digraph ${quote(diagramTitle(request))} {`,
    `  graph [rankdir=TB, fontname=${quote(STYLE.font)}, nodesep=0.35, ranksep=0.45];`,
    `  node [shape=box, style="rounded,filled", fontname=${quote(STYLE.font)}, fontsize=11, ` +
      `color=${quote(STYLE.state.color)}, fillcolor=${quote(STYLE.state.fill)}];`,
    `  edge [fontname=${quote(STYLE.font)}, fontsize=9, color=${quote(STYLE.state.color)}];`,
    // Node names carry a prefix so that no state can be mistaken for the entry point.
    `  "entry" [shape=point, width=0.12, label="", id="entry"];`,
    `  "entry" -> ${quote(`state_${machine.initial}`)};`,
  ];
  for (const [state, config] of Object.entries(machine.states)) {
    const final = config.type === 'final';
    const classes = [
      'state',
      ...(final ? ['final'] : []),
      ...(state === current ? ['current'] : []),
    ];
    const attributes: Attributes = {
      id: `state-${state}`,
      class: classes.join(' '),
      label: wrap(config.meta.label[lang], 22),
    };
    if (final) Object.assign(attributes, { peripheries: '2', fillcolor: STYLE.final.fill });
    if (state === current) {
      Object.assign(attributes, {
        color: STYLE.current.color,
        fillcolor: STYLE.current.fill,
        penwidth: STYLE.current.penwidth,
      });
    }
    lines.push(`  ${quote(`state_${state}`)} [${attributeList(attributes)}];`);
  }
  for (const [state, config] of Object.entries(machine.states)) {
    for (const event of Object.keys(config.on ?? {})) {
      transitionsOf(config, event).forEach((transition, index) => {
        const attributes = {
          id: `move-${state}-${event}-${index}`,
          class: `event event-${event}`,
          label: wrap(events[event].label[lang], 26),
        };
        lines.push(
          `  ${quote(`state_${state}`)} -> ${quote(`state_${transition.target}`)} [${attributeList(attributes)}];`,
        );
      });
    }
  }
  lines.push('}');
  return lines.join('\n');
}

/**
 * Makes Graphviz's SVG self-contained and accessible: no DOCTYPE (it names an external DTD), no
 * comments, no XML declaration (so the same text can be inlined in a page), no unused xlink
 * namespace; a <title> and <desc> first, named by role="img"; each state's and transition's own
 * <title> (a browser's tooltip) in words rather than Graphviz's node names.
 */
export function accessibleSvg(svg: string, request: DiagramRequest): string {
  const { machine } = request.workflow.definition;
  const label = (state: string) => machine.states[state].meta.label[request.lang];
  let text = svg
    .replace(/<!DOCTYPE[^>]*>\s*/i, '')
    .replace(/<!--[\s\S]*?-->\s*/g, '')
    .replace(/<\?xml[^>]*\?>\s*/, '')
    // Graphviz writes "-" as &#45; only to keep "--" out of its comments, which are gone.
    .replace(/&#45;/g, '-')
    .replace(
      /<title>(entry|state_[a-z0-9_]+)(?:-&gt;state_([a-z0-9_]+))?<\/title>/g,
      (whole, node: string, to: string | undefined) => {
        const from = node === 'entry' ? null : node.slice('state_'.length);
        if (from !== null && !Object.hasOwn(machine.states, from)) return whole;
        if (to !== undefined && !Object.hasOwn(machine.states, to)) return whole;
        const words = [from === null ? WORDS[request.lang].start : label(from)];
        if (to !== undefined) words.push(label(to));
        return `<title>${escapeXml(words.join(' → '))}</title>`;
      },
    );
  if (!/\bxlink:/.test(text.replace(/xmlns:xlink="[^"]*"/, ''))) {
    text = text.replace(/\s+xmlns:xlink="[^"]*"/, '');
  }
  return text.replace(
    /<svg\b([^>]*)>/,
    `<svg$1 role="img" aria-labelledby="diagram-title diagram-desc">` +
      `<title id="diagram-title">${escapeXml(diagramTitle(request))}</title>` +
      `<desc id="diagram-desc">${escapeXml(diagramDescription(request))}</desc>`,
  );
}

/** Attribute values; a list is a label of several lines. */
type Attributes = Record<string, string | string[]>;

function attributeList(attributes: Attributes): string {
  return Object.entries(attributes)
    .map(([name, value]) => `${name}=${quote(value)}`)
    .join(', ');
}

/**
 * A DOT quoted string. Backslashes are doubled first, so a label cannot smuggle Graphviz escapes
 * (\N, \G…); the only line breaks are those between the lines given, as "\n".
 */
function quote(text: string | string[]): string {
  const lines = typeof text === 'string' ? [text] : text;
  const escaped = lines.map((line) =>
    line
      .replace(/\\/g, '\\\\')
      .replace(/"/g, '\\"')
      .replace(/[\r\n]+/g, ' '),
  );
  return `"${escaped.join('\\n')}"`;
}

/** Breaks a label into lines of about `width` characters, at spaces (Graphviz centres each). */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}
