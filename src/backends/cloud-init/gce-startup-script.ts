// Debian's GCE images ship google-guest-agent but no cloud-init, so a `user-data` metadata value
// alone is ignored there (Google asked Debian not to add it: andsens/bootstrap-vz#469). The GCP
// Terraform emitter sets this as the instance's `startup-script` metadata next to `user-data`: it
// installs Debian's cloud-init once and runs its stages on that first boot; later boots run
// cloud-init as a service and this script exits at once. Not yet tried on a real GCE VM.
export const GCE_STARTUP_SCRIPT = `#!/bin/bash
set -euo pipefail
command -v cloud-init >/dev/null 2>&1 && exit 0
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends cloud-init
cloud-init init
cloud-init modules --mode=config
cloud-init modules --mode=final
`;
