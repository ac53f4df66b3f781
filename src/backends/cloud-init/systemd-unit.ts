// A tiny systemd unit writer: sections of ordered (key, value) pairs, so a key may repeat
// (ExecStartPre) and the output order is exactly the input order.

export type UnitSection = [key: string, value: string | string[]][];
export type Unit = { Unit: UnitSection; Service: UnitSection; Install: UnitSection };

/** An array value is one command line: its words are joined with systemd's line continuation. */
export function renderUnit(unit: Unit): string {
  const sections = (['Unit', 'Service', 'Install'] as const).map((name) => {
    const lines = unit[name].map(([key, value]) => `${key}=${Array.isArray(value) ? value.join(' \\\n  ') : value}`);
    return [`[${name}]`, ...lines].join('\n');
  });
  return `${sections.join('\n\n')}\n`;
}
