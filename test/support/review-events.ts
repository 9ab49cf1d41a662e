import type { ReviewEvent } from '../../src/domain/review/events';

/** The CTP of Ibagué opens its review of the first semester of 2025 (cuatrienio 2024-2027). */
export const REVIEW_STREAM = 'ctpreview-73001-2024-2025-1';
export const reviewOpened: ReviewEvent & { type: 'ReviewOpened' } = {
  type: 'ReviewOpened',
  data: {
    reviewId: REVIEW_STREAM,
    daneCode: '73001',
    departmentCode: '73',
    municipality: 'IBAGUÉ',
    firstYear: 2024,
    semester: '2025-1',
    asOf: '2025-07-01T04:59:59.999Z',
    knownAt: '2025-07-08T15:00:00.000Z',
    seal: null,
  },
};
