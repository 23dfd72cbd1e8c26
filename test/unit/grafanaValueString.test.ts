import { describe, expect, it } from 'vitest';
import { grafanaAlert, grafanaEnvelope, grafanaSignal, parseValueString } from '../../src/ingest/grafanaPayload.js';

const envelope = grafanaEnvelope.parse({ version: '1', groupKey: '{}:{}', status: 'firing', receiver: 'vigil', alerts: [{}] });
const alert = (fields: Record<string, unknown>) =>
  grafanaAlert.parse({ status: 'firing', labels: { alertname: 'Accuracy' }, startsAt: '2026-11-22T10:00:00Z', fingerprint: 'f1', ...fields });
const metricOf = (fields: Record<string, unknown>) => grafanaSignal(alert(fields), envelope, 'grafana', new Date('2026-11-22T10:01:00Z')).metric;

describe("Grafana's valueString", () => {
  it('reads each expression: variable, metric, type and value (exponent notation too)', () => {
    expect(parseValueString("[ var='A' labels={instance=node:9100, job=node} value=2.473545728e+09 ], [ var='C' labels={} value=1 ]")).toEqual([
      { variable: 'A', value: 2473545728 },
      { variable: 'C', value: 1 },
    ]);
    expect(parseValueString("[ var='B0' metric='Value' labels={__name__=q, deploy=prod} value=24 ]")).toEqual([{ variable: 'B0', metric: 'Value', value: 24 }]);
    expect(parseValueString("[ var='A' labels={} type='query' value=3 ], [ var='B' labels={} type='reduce' value=0.61 ], [ var='C' labels={} type='threshold' value=1 ]")).toHaveLength(3);
    expect(parseValueString('not a value string')).toEqual([]);
  });

  it('the value that fired: the last query, reduction or math (never the threshold), else the first untyped one, else a single value', () => {
    expect(metricOf({ valueString: "[ var='A' labels={} type='query' value=3 ], [ var='B' labels={} type='reduce' value=0.61 ], [ var='C' labels={} type='threshold' value=1 ]" })).toEqual({ name: 'Accuracy B', value: 0.61 });
    expect(metricOf({ valueString: "[ var='B0' metric='accuracy' labels={} value=0.7 ], [ var='C' labels={} value=1 ]" })).toEqual({ name: 'accuracy', value: 0.7 });
    expect(metricOf({ values: { B: 0.5 } })).toEqual({ name: 'Accuracy B', value: 0.5 });
    expect(metricOf({ values: { B: 0.5, C: 1 } })).toBeUndefined();
    expect(metricOf({ values: null })).toBeUndefined();
    // A value the alert's own labels and annotations state wins, as for Alertmanager.
    expect(metricOf({ annotations: { value: '0.4', threshold: '0.8' }, valueString: "[ var='B' labels={} type='reduce' value=9 ]" })).toEqual({ name: 'Accuracy', value: 0.4, threshold: 0.8 });
  });
});
