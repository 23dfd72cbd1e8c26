import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Debian's `prometheus` package ships promtool, Prometheus' own parser and linter (`.ci/run` installs it). */
export const PROMTOOL = '/usr/bin/promtool';
export const hasPromtool = existsSync(PROMTOOL);

/** `promtool check metrics` on a scrape: its exit status and what it said (problems, one per line). */
export function promtoolCheck(text: string): { status: number | null; output: string } {
  const run = spawnSync(PROMTOOL, ['check', 'metrics'], { input: text, encoding: 'utf8' });
  return { status: run.status, output: `${run.stdout}${run.stderr}`.trim() };
}

export type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';

export interface Sample {
  /** The sample's own name (`x_bucket`, `x_sum`, `x_count` for a histogram `x`). */
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Family {
  name: string;
  help: string;
  type: MetricType;
  samples: Sample[];
}

/**
 * Prometheus' text exposition format (version 0.0.4), parsed strictly: every line is a HELP or
 * TYPE comment, or a sample of the family declared before it, with well-formed labels (escapes
 * `\\`, `\"`, `\n`) and a float value. Anything else throws, naming the line, so a scrape that a
 * Prometheus server would refuse fails the test.
 */
export function parsePrometheusText(text: string): Family[] {
  const families = new Map<string, Family>();
  let current: Family | undefined;
  const lines = text.split('\n');
  if (lines.at(-1) !== '') throw new Error('the exposition must end with a newline');
  lines.forEach((line, index) => {
    const where = `line ${index + 1} (${JSON.stringify(line.slice(0, 80))})`;
    if (line === '') return;
    const help = /^# HELP ([a-zA-Z_:][a-zA-Z0-9_:]*) (.*)$/.exec(line);
    if (help) {
      current = families.get(help[1]!) ?? { name: help[1]!, help: help[2]!, type: 'untyped', samples: [] };
      current.help = help[2]!;
      families.set(current.name, current);
      return;
    }
    const type = /^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)$/.exec(line);
    if (type) {
      current = families.get(type[1]!) ?? { name: type[1]!, help: '', type: 'untyped', samples: [] };
      if (current.samples.length > 0) throw new Error(`${where}: TYPE after the family's samples`);
      current.type = type[2] as MetricType;
      families.set(current.name, current);
      return;
    }
    if (line.startsWith('#')) return; // another comment: allowed by the format
    const sample = parseSample(line, where);
    const family = current && belongsTo(sample.name, current) ? current : undefined;
    if (!family) throw new Error(`${where}: sample ${sample.name} outside its family`);
    family.samples.push(sample);
  });
  return [...families.values()];
}

function belongsTo(sampleName: string, family: Family): boolean {
  if (sampleName === family.name) return family.type !== 'histogram';
  const suffix = sampleName.slice(family.name.length);
  if (!sampleName.startsWith(family.name)) return false;
  if (family.type === 'histogram') return suffix === '_bucket' || suffix === '_sum' || suffix === '_count';
  if (family.type === 'summary') return suffix === '_sum' || suffix === '_count';
  return false;
}

function parseSample(line: string, where: string): Sample {
  const head = /^([a-zA-Z_:][a-zA-Z0-9_:]*)/.exec(line);
  if (!head) throw new Error(`${where}: not a metric name`);
  const name = head[1]!;
  let rest = line.slice(name.length);
  const labels: Record<string, string> = {};
  if (rest.startsWith('{')) {
    rest = rest.slice(1);
    while (!rest.startsWith('}')) {
      const label = /^([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\n]|\\[\\"n])*)"/.exec(rest);
      if (!label) throw new Error(`${where}: bad label`);
      if (label[1]! in labels) throw new Error(`${where}: label ${label[1]} twice`);
      labels[label[1]!] = label[2]!.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
      rest = rest.slice(label[0].length);
      if (rest.startsWith(',')) rest = rest.slice(1);
      else if (!rest.startsWith('}')) throw new Error(`${where}: labels not separated by commas`);
    }
    rest = rest.slice(1);
  }
  // Values as Go's strconv.ParseFloat reads them for Prometheus: NaN and Inf in any case (prom-client writes "Nan").
  const value = /^ ([-+]?(?:\d+\.?\d*(?:[eE][-+]?\d+)?|\.\d+)|[-+]?(?:[iI][nN][fF](?:[iI][nN][iI][tT][yY])?)|[nN][aA][nN])(?: -?\d+)?$/.exec(rest);
  if (!value) throw new Error(`${where}: bad value`);
  const text = value[1]!.toLowerCase();
  const number = text.endsWith('inf') || text.endsWith('infinity') ? (text.startsWith('-') ? -Infinity : Infinity) : text === 'nan' ? NaN : Number(text);
  return { name, labels, value: number };
}

/** A parsed scrape, read by metric name and labels. */
export class Scrape {
  readonly families: Family[];

  constructor(readonly text: string) {
    this.families = parsePrometheusText(text);
  }

  family(name: string): Family | undefined {
    return this.families.find((f) => f.name === name);
  }

  private matching(sampleName: string, labels: Record<string, string>): Sample[] {
    return this.families.flatMap((f) => f.samples).filter((s) => s.name === sampleName && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  }

  /** A counter's or gauge's value for these labels (0 when the series does not exist yet); summed when several match. */
  value(name: string, labels: Record<string, string> = {}): number {
    return this.matching(name, labels).reduce((sum, s) => sum + s.value, 0);
  }

  /** A histogram's count, sum and cumulative buckets (by `le`) for these labels. */
  histogram(name: string, labels: Record<string, string> = {}): { count: number; sum: number; buckets: Record<string, number> } {
    const buckets: Record<string, number> = {};
    for (const s of this.matching(`${name}_bucket`, labels)) buckets[s.labels['le']!] = (buckets[s.labels['le']!] ?? 0) + s.value;
    return { count: this.value(`${name}_count`, labels), sum: this.value(`${name}_sum`, labels), buckets };
  }
}
