import {
  formatBytes,
  formatCount,
  formatDuration,
  formatPercent,
  formatRelative,
  formatTime,
} from './format';

describe('format', () => {
  it('formats bytes in binary units', () => {
    expect(formatBytes(2061584302)).toBe('1.92 GiB');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(null)).toBe('–');
  });

  it('formats fractions as percentages with one decimal', () => {
    expect(formatPercent(0.864)).toBe('86.4%');
    expect(formatPercent(1)).toBe('100%');
    expect(formatPercent(0)).toBe('0%');
    expect(formatPercent(null)).toBe('–');
  });

  it('formats durations in the two largest units that matter', () => {
    expect(formatDuration(182)).toBe('3 min, 2 sec');
    expect(formatDuration(3600)).toBe('1 hr');
    expect(formatDuration(0)).toBe('0 sec');
    expect(formatDuration(null)).toBe('–');
  });

  it('formats times relative to now, never in the future', () => {
    const now = new Date('2026-10-01T12:00:00Z');
    expect(formatRelative('2026-10-01T11:55:00Z', now)).toBe('5 minutes ago');
    expect(formatRelative('2026-10-01T11:59:50Z', now)).toBe('just now');
    expect(formatRelative('2026-10-01T12:00:30Z', now)).toBe('just now');
    expect(formatRelative(null, now)).toBe('never');
    expect(formatRelative('not a time', now)).toBe('–');
  });

  it('formats absolute times, and says never for none', () => {
    expect(formatTime('2026-10-01T12:00:00Z')).toMatch(/2026/);
    expect(formatTime(null)).toBe('never');
  });

  it('formats ready/desired counts', () => {
    expect(formatCount(2, 3)).toBe('2/3');
    expect(formatCount(null, 3)).toBe('–/3');
    expect(formatCount(null, null)).toBe('–');
  });
});
