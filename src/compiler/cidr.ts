// IPv4 CIDR parsing for `allowFrom`. Pure.

export type Cidr = { address: string; prefix: number; /** The network address, host bits cleared. */ network: string };

export function parseCidr(text: string): Cidr | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(text);
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  const prefix = Number(m[5]);
  if (octets.some((o, i) => o > 255 || String(o) !== m[i + 1]) || prefix > 32) return undefined;
  const value = octets.reduce((acc, o) => acc * 256 + o, 0);
  const size = 2 ** (32 - prefix);
  const net = Math.floor(value / size) * size;
  const network = [24, 16, 8, 0].map((shift) => Math.floor(net / 2 ** shift) % 256).join('.');
  return { address: octets.join('.'), prefix, network };
}
