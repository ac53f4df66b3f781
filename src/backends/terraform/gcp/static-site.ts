// A static site on Cloud CDN: a private bucket, a CDN-enabled backend bucket, a URL map and a global
// load balancer. With a domain: HTTPS with a Google-managed certificate and an HTTP -> HTTPS
// redirect. Without one: plain HTTP only, and a warning says so.
//
// Reads of the private bucket follow Google's "private bucket access" for backend buckets
// (https://cloud.google.com/cdn/docs/configure-private-bucket-access): the bucket grants object read
// to the Cloud CDN cache-fill service agent and nobody else, with no signed URLs needed by visitors.
// Google creates that agent only when a first signed-URL key is added to a backend
// (https://cloud.google.com/cdn/docs/using-signed-urls#configure_permissions; review T-3), so each
// backend gets one key and the grant depends on it. The key signs nothing: Cloud CDN does not check
// unsigned requests (same page, "Security considerations").
import { DataResource } from 'cdktf';
import { ComputeBackendBucket } from '@cdktf/provider-google/lib/compute-backend-bucket/index.js';
import { ComputeBackendBucketSignedUrlKey } from '@cdktf/provider-google/lib/compute-backend-bucket-signed-url-key/index.js';
import { ComputeGlobalAddress } from '@cdktf/provider-google/lib/compute-global-address/index.js';
import { ComputeGlobalForwardingRule } from '@cdktf/provider-google/lib/compute-global-forwarding-rule/index.js';
import { ComputeManagedSslCertificate } from '@cdktf/provider-google/lib/compute-managed-ssl-certificate/index.js';
import { ComputeTargetHttpProxy } from '@cdktf/provider-google/lib/compute-target-http-proxy/index.js';
import { ComputeTargetHttpsProxy } from '@cdktf/provider-google/lib/compute-target-https-proxy/index.js';
import { ComputeUrlMap } from '@cdktf/provider-google/lib/compute-url-map/index.js';
import type { ServiceAccount } from '@cdktf/provider-google/lib/service-account/index.js';
import { StorageBucket } from '@cdktf/provider-google/lib/storage-bucket/index.js';
import { StorageBucketIamMember } from '@cdktf/provider-google/lib/storage-bucket-iam-member/index.js';
import { appBinding } from '../../../compiler/bindings.ts';
import { escapeTemplate } from '../../../compiler/canonical.ts';
import { CODES, warning } from '../../../compiler/diagnostics.ts';
import type { CloudCdnDeploy, ModelApp } from '../../../compiler/model.ts';
import { gcpSiteName, gcpSiteSignedUrlKeyName, gcsSiteBucket } from '../../../compiler/names.ts';
import type { GcpContext } from './context.ts';
import { addOutput } from '../output.ts';
import { serviceAccountMember } from './runner-identity.ts';

/** Global external Application Load Balancer (the current one; Cloud CDN works with it). */
const LB_SCHEME = 'EXTERNAL_MANAGED';

export function addCloudCdnSite(ctx: GcpContext, app: ModelApp, deploy: CloudCdnDeploy, runner: ServiceAccount): void {
  const { stack, addresses, model } = ctx;
  const at = app.configPath;
  const id = app.id;
  const project = escapeTemplate(ctx.project);
  const compute = ctx.api('compute.googleapis.com');
  const pin = addresses.pin.bind(addresses);

  const bucket = pin(
    new StorageBucket(stack, `gcp_site_${id}`, {
      name: gcsSiteBucket(model, app),
      project,
      location: escapeTemplate(ctx.region.toUpperCase()),
      uniformBucketLevelAccess: true,
      // Nobody on the internet reads the bucket directly; only the CDN below does.
      publicAccessPrevention: 'enforced',
      // Removing the site deletes the bucket with its files (else the provider refuses a bucket
      // "containing objects without force_destroy"); they are the build output, rebuilt from git.
      forceDestroy: true,
      // The backend bucket serves <path>/index.html for / and every directory URL, and the not-found
      // page for a missing object (https://cloud.google.com/storage/docs/static-website#specialty-pages).
      website: { mainPageSuffix: 'index.html', notFoundPage: deploy.spa ? 'index.html' : '404.html' },
      dependsOn: ctx.api('storage.googleapis.com'),
    }),
    id,
    at,
  );
  // The runner uploads the built files (and only to this bucket).
  pin(
    new StorageBucketIamMember(stack, `gcp_site_${id}_runner`, { bucket: bucket.name, role: 'roles/storage.objectAdmin', member: serviceAccountMember(runner) }),
    `${id}_runner`,
    at,
  );

  const backend = pin(
    new ComputeBackendBucket(stack, `gcp_site_${id}_backend`, {
      name: gcpSiteName(app, 'cdn'),
      project,
      bucketName: bucket.name,
      enableCdn: true,
      cdnPolicy: { cacheMode: 'CACHE_ALL_STATIC' },
      dependsOn: compute,
    }),
    id,
    at,
  );
  // 128 bits, base64url (what gcloud's add-signed-url-key asks for), chosen once at the first apply by
  // Terraform's built-in terraform_data (no extra provider) and kept: the artifact stays deterministic.
  pin(new DataResource(stack, `gcp_site_${id}_cdn_key_seed`, { input: { seed: '${uuid()}' }, lifecycle: { ignoreChanges: ['input'] } }), `${id}_cdn_key`, at);
  const key = pin(
    new ComputeBackendBucketSignedUrlKey(stack, `gcp_site_${id}_cdn_key`, {
      name: gcpSiteSignedUrlKeyName(app),
      project,
      backendBucket: backend.name,
      keyValue: `\${replace(replace(base64encode(substr(replace(terraform_data.${id}_cdn_key.output.seed, "-", ""), 0, 16)), "+", "-"), "/", "_")}`,
    }),
    `${id}_cdn`,
    at,
  );
  pin(
    new StorageBucketIamMember(stack, `gcp_site_${id}_cdn`, {
      bucket: bucket.name,
      role: 'roles/storage.objectViewer',
      member: `serviceAccount:service-${ctx.projectNumber()}@cloud-cdn-fill.iam.gserviceaccount.com`,
      dependsOn: [key],
    }),
    `${id}_cdn`,
    at,
  );
  const urlMap = pin(new ComputeUrlMap(stack, `gcp_site_${id}_url_map`, { name: gcpSiteName(app, 'lb'), project, defaultService: backend.id }), id, at);
  const address = pin(new ComputeGlobalAddress(stack, `gcp_site_${id}_address`, { name: gcpSiteName(app, 'ip'), project, dependsOn: compute }), id, at);

  const forward = (suffix: 'https' | 'http', target: string, port: string) =>
    pin(
      new ComputeGlobalForwardingRule(stack, `gcp_site_${id}_${suffix}_rule`, {
        name: gcpSiteName(app, suffix),
        project,
        target,
        portRange: port,
        ipAddress: address.id,
        ipProtocol: 'TCP',
        loadBalancingScheme: LB_SCHEME,
      }),
      `${id}_${suffix}`,
      at,
    );

  if (deploy.domain) {
    const domain = escapeTemplate(deploy.domain);
    const cert = pin(
      new ComputeManagedSslCertificate(stack, `gcp_site_${id}_cert`, { name: gcpSiteName(app, 'cert'), project, managed: { domains: [domain] }, dependsOn: compute }),
      id,
      `${at}.deploy.domain`,
    );
    const https = pin(new ComputeTargetHttpsProxy(stack, `gcp_site_${id}_https_proxy`, { name: gcpSiteName(app, 'https'), project, urlMap: urlMap.id, sslCertificates: [cert.id] }), id, at);
    forward('https', https.id, '443');
    const redirect = pin(
      new ComputeUrlMap(stack, `gcp_site_${id}_redirect`, {
        name: gcpSiteName(app, 'redirect'),
        project,
        defaultUrlRedirect: { httpsRedirect: true, stripQuery: false, redirectResponseCode: 'MOVED_PERMANENTLY_DEFAULT' },
        dependsOn: compute,
      }),
      `${id}_redirect`,
      at,
    );
    const http = pin(new ComputeTargetHttpProxy(stack, `gcp_site_${id}_http_proxy`, { name: gcpSiteName(app, 'http'), project, urlMap: redirect.id }), id, at);
    forward('http', http.id, '80');
    addOutput(stack, `${id}_site_url`, `https://${domain}`, `${app.project}/${app.name} (point the domain's A record at ${id}_address)`);
  } else {
    const http = pin(new ComputeTargetHttpProxy(stack, `gcp_site_${id}_http_proxy`, { name: gcpSiteName(app, 'http'), project, urlMap: urlMap.id }), id, at);
    forward('http', http.id, '80');
    addOutput(stack, `${id}_site_url`, `http://${address.address}`, `${app.project}/${app.name} (plain HTTP)`);
    ctx.diagnostics.push(
      warning(CODES.PLAIN_HTTP_SITE, `${app.project}/${app.name} is served over plain HTTP: Google-managed certificates need a domain`, {
        path: `${at}.deploy`,
        hint: "Set deploy: cloudCdn({ domain: 'www.example.com' }) to serve it over HTTPS",
      }),
    );
  }

  addOutput(stack, `${id}_address`, address.address, `Public IP of ${app.project}/${app.name}`);
  addOutput(stack, appBinding.siteBucket(app).name, bucket.name, appBinding.siteBucket(app).description);
  addOutput(stack, appBinding.urlMap(app).name, urlMap.name, appBinding.urlMap(app).description);
}
