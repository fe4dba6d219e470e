import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../../src/model/types.js';
import type { ColumnSet } from '../../../src/model/columns/column.js';
import {
  endpointSliceColumns, endpointsColumns, ingressClassColumns, ingressColumns, networkPolicyColumns, serviceColumns,
} from '../../../src/model/columns/network-columns.js';

const NOW = Date.parse('2024-05-01T12:00:00Z');
const CREATED = '2024-04-01T12:00:00Z';

const headers = (set: ColumnSet, wide = false) => set.filter((c) => wide || c.priority === 0).map((c) => c.name);
const row = (set: ColumnSet, o: KubeObject, wide = false) =>
  set.filter((c) => wide || c.priority === 0).map((c) => c.text(o, NOW));
const cell = (set: ColumnSet, name: string, o: KubeObject) => set.find((c) => c.name === name)!.text(o, NOW);

const clusterIP: KubeObject = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'api', namespace: 'shop', creationTimestamp: CREATED },
  spec: {
    type: 'ClusterIP',
    clusterIP: '10.96.120.14',
    clusterIPs: ['10.96.120.14'],
    ipFamilies: ['IPv4'],
    ports: [
      { name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' },
      { name: 'dns', port: 53, targetPort: 53, protocol: 'UDP' },
    ],
    selector: { app: 'api', tier: 'backend' },
    sessionAffinity: 'None',
  },
  status: { loadBalancer: {} },
};

test('service headers and a ClusterIP service', () => {
  assert.deepEqual(headers(serviceColumns), ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE']);
  assert.deepEqual(row(serviceColumns, clusterIP, true), [
    'api', 'ClusterIP', '10.96.120.14', '<none>', '80/TCP,53/UDP', '30d', 'app=api,tier=backend',
  ]);
});

test('NodePort, LoadBalancer, ExternalName and headless services', () => {
  const nodePort = { ...clusterIP, spec: { ...clusterIP.spec, type: 'NodePort', ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }] } };
  assert.equal(cell(serviceColumns, 'PORT(S)', nodePort), '80:30080/TCP');
  assert.equal(cell(serviceColumns, 'EXTERNAL-IP', nodePort), '<none>');

  const lb = { ...clusterIP, spec: { ...clusterIP.spec, type: 'LoadBalancer' } };
  assert.equal(cell(serviceColumns, 'EXTERNAL-IP', lb), '<pending>');
  const withIp = { ...lb, status: { loadBalancer: { ingress: [{ ip: '203.0.113.10', ipMode: 'VIP' }] } } };
  assert.equal(cell(serviceColumns, 'EXTERNAL-IP', withIp), '203.0.113.10');
  const elb = {
    ...lb,
    status: { loadBalancer: { ingress: [{ hostname: 'a1b2c3d4e5f6-1234567890.eu-west-1.elb.amazonaws.com' }] } },
  };
  // The server prints its Tables wide: long addresses are not clipped (corpus tables/corpus-web/ingresses).
  assert.equal(cell(serviceColumns, 'EXTERNAL-IP', elb), 'a1b2c3d4e5f6-1234567890.eu-west-1.elb.amazonaws.com');
  const both = { ...withIp, spec: { ...lb.spec, externalIPs: ['198.51.100.7'] } };
  assert.equal(cell(serviceColumns, 'EXTERNAL-IP', both), '203.0.113.10,198.51.100.7');

  const external: KubeObject = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'db', creationTimestamp: CREATED },
    spec: { type: 'ExternalName', externalName: 'db.example.com', sessionAffinity: 'None' },
  };
  assert.deepEqual(row(serviceColumns, external, true), ['db', 'ExternalName', '<none>', 'db.example.com', '<none>', '30d', '<none>']);

  const headless = { ...clusterIP, spec: { ...clusterIP.spec, clusterIP: 'None', clusterIPs: ['None'] } };
  assert.equal(cell(serviceColumns, 'CLUSTER-IP', headless), 'None');
  assert.equal(cell(serviceColumns, 'EXTERNAL-IP', { ...clusterIP, spec: { ...clusterIP.spec, type: 'Weird' } }), '<unknown>');
});

test('endpoints list up to three addresses', () => {
  const ep: KubeObject = {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name: 'api', creationTimestamp: CREATED },
    subsets: [
      {
        addresses: [
          { ip: '10.244.1.17', nodeName: 'node-a', targetRef: { kind: 'Pod', name: 'api-1' } },
          { ip: '10.244.2.9', nodeName: 'node-b' },
        ],
        notReadyAddresses: [{ ip: '10.244.3.4' }],
        ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
      },
    ],
  };
  assert.deepEqual(headers(endpointsColumns), ['NAME', 'ENDPOINTS', 'AGE']);
  assert.deepEqual(row(endpointsColumns, ep), ['api', '10.244.1.17:8080,10.244.2.9:8080', '30d']);
  const many = structuredClone(ep);
  many.subsets[0].ports.push({ name: 'metrics', port: 9090, protocol: 'TCP' });
  assert.equal(cell(endpointsColumns, 'ENDPOINTS', many), '10.244.1.17:8080,10.244.2.9:8080,10.244.1.17:9090 + 1 more...');
  assert.equal(cell(endpointsColumns, 'ENDPOINTS', { ...ep, subsets: undefined }), '<none>');
  assert.equal(cell(endpointsColumns, 'ENDPOINTS', { ...ep, subsets: [{ addresses: [{ ip: 'fd00::1' }], ports: [{ port: 53 }] }] }), '[fd00::1]:53');
  assert.equal(cell(endpointsColumns, 'ENDPOINTS', { ...ep, subsets: [{ addresses: [{ ip: '10.0.0.1' }] }] }), '10.0.0.1');
  assert.equal(cell(endpointsColumns, 'ENDPOINTS', { ...ep, subsets: [{ notReadyAddresses: [{ ip: '10.0.0.1' }], ports: [{ port: 1 }] }] }), '');
});

test('endpoint slices', () => {
  const slice: KubeObject = {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: 'api-x7k2p', creationTimestamp: CREATED, labels: { 'kubernetes.io/service-name': 'api' } },
    addressType: 'IPv4',
    ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
    endpoints: [
      { addresses: ['10.244.1.17'], conditions: { ready: true } },
      { addresses: ['10.244.2.9'], conditions: { ready: true } },
      { addresses: ['10.244.3.4'], conditions: { ready: false } },
      { addresses: ['10.244.4.2'], conditions: { ready: true } },
    ],
  };
  assert.deepEqual(headers(endpointSliceColumns), ['NAME', 'ADDRESSTYPE', 'PORTS', 'ENDPOINTS', 'AGE']);
  assert.deepEqual(row(endpointSliceColumns, slice), [
    'api-x7k2p', 'IPv4', '8080', '10.244.1.17,10.244.2.9,10.244.3.4 + 1 more...', '30d',
  ]);
  const empty = { ...slice, ports: null, endpoints: null };
  assert.deepEqual(row(endpointSliceColumns, empty), ['api-x7k2p', 'IPv4', '<unset>', '<unset>', '30d']);
  assert.equal(cell(endpointSliceColumns, 'PORTS', { ...slice, ports: [{ name: 'http' }, {}] }), 'http,*');
});

const ingressV1: KubeObject = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  metadata: { name: 'shop', creationTimestamp: CREATED },
  spec: {
    ingressClassName: 'nginx',
    tls: [{ hosts: ['shop.example.com'], secretName: 'shop-tls' }],
    rules: [
      {
        host: 'shop.example.com',
        http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] },
      },
      {
        host: 'api.example.com',
        http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'api', port: { name: 'http' } } } }] },
      },
    ],
  },
  status: { loadBalancer: { ingress: [{ ip: '203.0.113.20' }] } },
};

test('ingress headers and row', () => {
  assert.deepEqual(headers(ingressColumns, true), ['NAME', 'CLASS', 'HOSTS', 'ADDRESS', 'PORTS', 'AGE']);
  assert.deepEqual(row(ingressColumns, ingressV1), ['shop', 'nginx', 'shop.example.com,api.example.com', '203.0.113.20', '80, 443', '30d']);
});

test('legacy extensions/v1beta1 ingresses print the same hosts and ports as v1', () => {
  const legacy: KubeObject = {
    apiVersion: 'extensions/v1beta1',
    kind: 'Ingress',
    metadata: { name: 'legacy', creationTimestamp: CREATED, annotations: { 'kubernetes.io/ingress.class': 'nginx' } },
    spec: {
      backend: { serviceName: 'default-http-backend', servicePort: 80 },
      rules: [{ host: 'legacy.example.com', http: { paths: [{ path: '/', backend: { serviceName: 'web', servicePort: 'http' } }] } }],
    },
    status: { loadBalancer: { ingress: [{ hostname: 'lb.example.com' }] } },
  };
  const v1: KubeObject = {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: 'legacy', creationTimestamp: CREATED },
    spec: {
      defaultBackend: { service: { name: 'default-http-backend', port: { number: 80 } } },
      rules: [{
        host: 'legacy.example.com',
        http: { paths: [{ path: '/', pathType: 'ImplementationSpecific', backend: { service: { name: 'web', port: { name: 'http' } } } }] },
      }],
    },
    status: { loadBalancer: { ingress: [{ hostname: 'lb.example.com' }] } },
  };
  assert.deepEqual(row(ingressColumns, legacy), ['legacy', '<none>', 'legacy.example.com', 'lb.example.com', '80', '30d']);
  assert.deepEqual(row(ingressColumns, legacy), row(ingressColumns, v1));
  // A backend-only ingress has no rules: every host.
  const backendOnly = { ...legacy, spec: { backend: { serviceName: 'web', servicePort: 80 } } };
  assert.equal(cell(ingressColumns, 'HOSTS', backendOnly), '*');
});

test('ingress hosts beyond three are summarised', () => {
  const rules = ['a.example.com', '', 'b.example.com', 'c.example.com', 'd.example.com'].map((host) => ({ host }));
  assert.equal(cell(ingressColumns, 'HOSTS', { ...ingressV1, spec: { rules } }), 'a.example.com,b.example.com,c.example.com + 2 more...');
  assert.equal(cell(ingressColumns, 'HOSTS', { ...ingressV1, spec: { rules: rules.slice(0, 4) } }), 'a.example.com,b.example.com,c.example.com');
});

test('ingress classes', () => {
  const cls: KubeObject = {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'IngressClass',
    metadata: { name: 'external-lb', creationTimestamp: CREATED },
    spec: {
      controller: 'example.com/ingress-controller',
      parameters: { apiGroup: 'k8s.example.com', kind: 'IngressParameters', name: 'external-lb', scope: 'Cluster' },
    },
  };
  assert.deepEqual(headers(ingressClassColumns), ['NAME', 'CONTROLLER', 'PARAMETERS', 'AGE']);
  assert.deepEqual(row(ingressClassColumns, cls), [
    'external-lb', 'example.com/ingress-controller', 'IngressParameters.k8s.example.com/external-lb', '30d',
  ]);
  assert.equal(cell(ingressClassColumns, 'PARAMETERS', { ...cls, spec: { controller: 'k8s.io/ingress-nginx' } }), '<none>');
  assert.equal(cell(ingressClassColumns, 'PARAMETERS', { ...cls, spec: { parameters: { kind: 'ConfigMap', name: 'cfg' } } }), 'ConfigMap/cfg');
});

test('network policies', () => {
  const np: KubeObject = {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'deny-all', creationTimestamp: CREATED },
    spec: { podSelector: {}, policyTypes: ['Ingress'] },
  };
  assert.deepEqual(row(networkPolicyColumns, np), ['deny-all', '<none>', '30d']);
  assert.equal(cell(networkPolicyColumns, 'POD-SELECTOR', { ...np, spec: { podSelector: { matchLabels: { app: 'db' } } } }), 'app=db');
});
