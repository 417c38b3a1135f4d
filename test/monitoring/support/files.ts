// The monitoring files the chart ships, read for the tests: the alert rules, the dashboard and
// the runbook they point at.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT } from '../../support/paths.ts';

export const ALERTS_PATH = path.join(REPO_ROOT, 'charts/docc2context/files/alerts.yaml');
export const DASHBOARD_PATH = path.join(REPO_ROOT, 'charts/docc2context/files/dashboard.json');
export const RUNBOOK_PATH = path.join(REPO_ROOT, 'docs/operations.md');
export const RULE_TESTS_DIR = path.join(REPO_ROOT, 'test/monitoring/rules');
/** Where every runbook_url points; the chart may rewrite it to the docs of a fork or mirror. */
export const RUNBOOK_BASE_URL = 'https://github.com/docc2context/docc2context-operator/blob/main/docs/operations.md';

export interface Rule {
  alert?: string;
  record?: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export interface RuleFile {
  groups: { name: string; rules: Rule[] }[];
}

export interface DashboardTarget {
  refId: string;
  expr: string;
  datasource?: { type?: string; uid?: string };
}

export interface DashboardPanel {
  id: number;
  type: string;
  title: string;
  gridPos: { h: number; w: number; x: number; y: number };
  datasource?: { type?: string; uid?: string };
  targets?: DashboardTarget[];
}

export interface TemplateVariable {
  name: string;
  type: string;
  query: unknown;
  datasource?: { type?: string; uid?: string };
}

export interface Dashboard {
  title: string;
  uid: string;
  schemaVersion: number;
  templating: { list: TemplateVariable[] };
  panels: DashboardPanel[];
}

export function readRules(): RuleFile {
  return parse(readFileSync(ALERTS_PATH, 'utf8')) as RuleFile;
}

export function alerts(): (Rule & { alert: string })[] {
  return readRules()
    .groups.flatMap((group) => group.rules)
    .filter((rule): rule is Rule & { alert: string } => rule.alert !== undefined);
}

export function readDashboard(): Dashboard {
  return JSON.parse(readFileSync(DASHBOARD_PATH, 'utf8')) as Dashboard;
}

/** Every PromQL query of the dashboard: panel targets and query variables. */
export function dashboardQueries(dashboard: Dashboard): { where: string; expr: string }[] {
  const fromPanels = dashboard.panels.flatMap((panel) =>
    (panel.targets ?? []).map((target) => ({ where: `panel "${panel.title}" ${target.refId}`, expr: target.expr })),
  );
  const fromVariables = dashboard.templating.list
    .filter((variable) => variable.type === 'query')
    .map((variable) => ({ where: `variable ${variable.name}`, expr: variableQuery(variable.query) }));
  return [...fromPanels, ...fromVariables];
}

/** `label_values(metric, label)` → `metric`: the PromQL inside a Grafana query variable. */
function variableQuery(query: unknown): string {
  const text = typeof query === 'string' ? query : String((query as { query?: unknown }).query ?? '');
  const labelValues = /^label_values\((.*),\s*[a-zA-Z_][a-zA-Z0-9_]*\)$/.exec(text.trim());
  return labelValues ? labelValues[1] : text;
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
export function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const outsideCode = markdown.replace(/^```[\s\S]*?^```/gm, '');
  for (const match of outsideCode.matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    anchors.add(
      match[1]
        .toLowerCase()
        .replace(/[^\p{L}\p{N}\s_-]/gu, '')
        .replace(/\s/g, '-'),
    );
  }
  return anchors;
}
