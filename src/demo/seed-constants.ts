/** Ibagué, Espinal, Honda and Chaparral (Tolima). */
export const DEMO_MUNICIPALITIES = ['73001', '73268', '73349', '73168'];
export const DEMO_FIRST_YEAR = 2024;

/** One demo command at the moment it was "issued" (ms since the epoch); `run` appends it. */
export interface DemoStep {
  at: number;
  run(): Promise<number>;
}
