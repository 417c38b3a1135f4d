import { expect } from 'chai';
import { assertValidK8sObjects, validateK8sObject } from '../support/k8s-schema.ts';
import { loadDocConversionCrd, loadSamples } from '../support/docconversion.ts';

const deployment = (container: Record<string, unknown>) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'converter', labels: { 'app.kubernetes.io/name': 'docc2context' } },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'converter' } },
    template: { metadata: { labels: { app: 'converter' } }, spec: { containers: [container] } },
  },
});

describe('validateK8sObject (test support)', () => {
  describe('when given the DocConversion CRD', () => {
    it('accepts it as an apiextensions.k8s.io/v1 CustomResourceDefinition', () => {
      expect(validateK8sObject(loadDocConversionCrd()).errors).to.deep.equal([]);
    });

    it('rejects a misspelt CRD field (strict field validation)', () => {
      const crd = structuredClone(loadDocConversionCrd()) as unknown as { spec: { versions: Record<string, unknown>[] } };
      crd.spec.versions[0].additionalPrinterColums = [];
      expect(validateK8sObject(crd).errors).to.deep.equal([
        'apiextensions.k8s.io/v1/CustomResourceDefinition /spec/versions/0 has unknown field "additionalPrinterColums"',
      ]);
    });

    it('finds misspelt keywords deep inside the schema', () => {
      const crd = structuredClone(loadDocConversionCrd());
      const spec = crd.spec.versions[0].schema.openAPIV3Schema.properties!.spec;
      (spec.properties!.timeoutSeconds as Record<string, unknown>).minimun = 1;
      expect(validateK8sObject(crd).errors.join('\n')).to.match(/properties\/timeoutSeconds has unknown field "minimun"/);
    });
  });

  describe('when given built-in kinds', () => {
    it('accepts valid ones of every kind the project emits', () => {
      const objects = [
        deployment({ name: 'converter', image: 'docc2context:1', ports: [{ containerPort: 8080 }] }),
        { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { selector: { app: 'converter' }, ports: [{ port: 80, targetPort: 'http' }] } },
        { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'h' }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'converter' }, minReplicas: 2, maxReplicas: 10, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }] } },
        { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'p' }, spec: { maxUnavailable: 1, selector: { matchLabels: { app: 'converter' } } } },
        { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { 'index.md': '# Hi' }, binaryData: { 'a.zip': 'UEsDBA==' } },
        { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'l' }, spec: { holderIdentity: 'a', leaseDurationSeconds: 15, renewTime: '2026-01-01T00:00:00.000000Z' } },
        { apiVersion: 'events.k8s.io/v1', kind: 'Event', metadata: { name: 'e', namespace: 'n' }, eventTime: '2026-01-01T00:00:00.000000Z', reportingController: 'docc2context.io/operator', reportingInstance: 'operator-0', action: 'Dispatch', reason: 'Running', type: 'Normal', regarding: { apiVersion: 'docc2context.io/v1alpha1', kind: 'DocConversion', name: 'x', namespace: 'n' } },
        { apiVersion: 'v1', kind: 'Event', metadata: { name: 'e', namespace: 'n' }, involvedObject: { kind: 'DocConversion', name: 'x' }, reason: 'Converted', type: 'Normal' },
        { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'r' }, rules: [{ apiGroups: ['docc2context.io'], resources: ['docconversions'], verbs: ['get', 'list', 'watch'] }] },
      ];
      expect(() => assertValidK8sObjects(objects)).not.to.throw();
    });

    it('reports missing required fields by path', () => {
      const result = validateK8sObject(deployment({ image: 'x' }));
      expect(result.valid).to.equal(false);
      expect(result.errors).to.deep.equal(["apps/v1/Deployment /spec/template/spec/containers/0 must have required property name"]);
    });

    it('reports wrong types and unknown fields', () => {
      const result = validateK8sObject({ ...deployment({ name: 'c', image: 'x', imagePullPolcy: 'Always' }), spec: { ...deployment({}).spec, replicas: 'two' } });
      expect(result.errors).to.include('apps/v1/Deployment /spec/replicas must be integer');
      expect(result.errors.join('\n')).to.not.match(/imagePullPolcy/);
      const typo = validateK8sObject(deployment({ name: 'c', image: 'x', imagePullPolcy: 'Always' }));
      expect(typo.errors).to.deep.equal(['apps/v1/Deployment /spec/template/spec/containers/0 has unknown field "imagePullPolcy"']);
    });

    it('keys free-form maps (labels, data) without calling them unknown', () => {
      expect(validateK8sObject({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', labels: { anything: 'x' } }, data: { whatever: 'y' } }).valid).to.equal(true);
    });
  });

  describe('when given custom resources', () => {
    it('validates DocConversions against the project CRD', () => {
      for (const { object } of loadSamples()) expect(validateK8sObject(object).errors).to.deep.equal([]);
      const bad = { apiVersion: 'docc2context.io/v1alpha1', kind: 'DocConversion', metadata: { name: 'x' }, spec: { source: {} } };
      expect(validateK8sObject(bad).errors).to.deep.equal(['docc2context.io/v1alpha1/DocConversion .spec.source exactly one of source.url or source.configMap must be set']);
    });

    it('refuses kinds it knows no schema for', () => {
      const result = validateK8sObject({ apiVersion: 'widgets.example.com/v1', kind: 'Widget', metadata: { name: 'm' } });
      expect(result.valid).to.equal(false);
      expect(result.errors[0]).to.match(/has no known schema/);
    });

    it("checks prometheus-operator's ServiceMonitor and PrometheusRule against their schemas", () => {
      const monitor = { apiVersion: 'monitoring.coreos.com/v1', kind: 'ServiceMonitor', metadata: { name: 'm' }, spec: { selector: {}, endpoints: [{ port: 'metrics' }] } };
      expect(validateK8sObject(monitor).errors).to.deep.equal([]);
      const rule = { apiVersion: 'monitoring.coreos.com/v1', kind: 'PrometheusRule', metadata: { name: 'r' }, spec: { groups: [{ name: 'g', rules: [{ alert: 'A' }] }] } };
      expect(validateK8sObject(rule).errors).to.deep.equal(['monitoring.coreos.com/v1/PrometheusRule /spec/groups/0/rules/0 must have required property expr']);
      expect(validateK8sObject({ ...monitor, spec: { endpoints: [{ port: 8080 }] } }).errors).to.include('monitoring.coreos.com/v1/ServiceMonitor /spec/endpoints/0/port must be string');
    });
  });
});
