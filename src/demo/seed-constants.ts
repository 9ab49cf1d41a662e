/** Ibagué, Espinal, Honda and Chaparral (Tolima). */
export const DEMO_MUNICIPALITIES = ['73001', '73268', '73349', '73168'];
export const DEMO_FIRST_YEAR = 2024;
