import type { Clock, IdGenerator } from '../../src/eventstore/port';

/** A clock the test moves by hand. */
export class TestClock implements Clock {
  private current: number;
  constructor(start: string | Date = '2025-01-15T15:00:00.000Z') {
    this.current = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.current);
  }
  set(instant: string | Date): void {
    this.current = new Date(instant).getTime();
  }
  advance(ms: number): void {
    this.current += ms;
  }
}

/** Deterministic UUIDs (version 4 layout) so hashes are reproducible. */
export class SequentialIds implements IdGenerator {
  private counter = 0;
  constructor(private readonly prefix = '00000000') {}
  next(): string {
    this.counter += 1;
    return `${this.prefix}-0000-4000-8000-${this.counter.toString(16).padStart(12, '0')}`;
  }
}
