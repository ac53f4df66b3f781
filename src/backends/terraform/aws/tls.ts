// HTTPS for ECS apps with a `domain` (T-24): an ACM certificate validated by DNS, whose ARN the
// waypoint.hcl passes to aws-ecs as `alb.certificate`. With it Waypoint's listener is HTTPS on 443
// and its "<app>-inbound" group admits 443 instead of 80 (Waypoint v0.11.4 builtin/aws/ecs/platform.go:378,
// 1051, 2164). Pilot does not manage the domain's DNS: the `<id>_certificate_validation` output lists the
// CNAME records ACM checks, and ACM issues the certificate once they resolve (ACM guide, "DNS
// validation"); until then the listener cannot use it, so deploy after the certificate is ISSUED.
// Waypoint reuses an existing "<app>-inbound" group without touching its rules (platform.go:2307),
// so an app first deployed over HTTP keeps admitting only 80 after it gets a domain (README says
// what to do).
// create_before_destroy: a certificate in use by a listener cannot be deleted, so a replacement
// (a new domain) must exist before the old one goes (provider docs, aws_acm_certificate).
import { AcmCertificate } from '@cdktf/provider-aws/lib/acm-certificate/index.js';
import type { ModelApp } from '../../../compiler/model.ts';
import type { StackContext } from '../emit.ts';

export type AppCertificate = { app: ModelApp; domain: string; certificate: AcmCertificate };

/** One certificate per ECS app that names a domain. */
export function addAppCertificates(ctx: StackContext, apps: ModelApp[]): AppCertificate[] {
  const out: AppCertificate[] = [];
  for (const app of apps) {
    if (app.deploy.kind !== 'ecs' || !app.deploy.domain) continue;
    const domain = app.deploy.domain;
    const certificate = ctx.addresses.pin(
      new AcmCertificate(ctx.stack, `cert:${app.configPath}`, { domainName: domain, validationMethod: 'DNS', tags: { Name: app.resourceName }, lifecycle: { createBeforeDestroy: true } }),
      app.id,
      `${app.configPath}.deploy.domain`,
    );
    out.push({ app, domain, certificate });
  }
  return out;
}
