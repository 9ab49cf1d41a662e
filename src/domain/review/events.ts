/**
 * Events of the CTP's semester review (stream `ctpreview-{dane}-{firstYear}-{semester}`): the
 * Consejo Territorial de Planeación follows up the goals each semester, issues a concepto and
 * recommends adjustments (Decreto 028 de 2008 art. 17, cited by Res. 449 de 2013); the
 * administration answers each recommendation and records the presentation of its goals to the
 * CTP and the Consejo de Política Social. Corrections keep the value they replace in `previous`.
 */

export const CONCEPTS = ['FAVORABLE', 'FAVORABLE_CON_OBSERVACIONES', 'DESFAVORABLE'] as const;
export type Concept = (typeof CONCEPTS)[number];

/** What a recommendation is aimed at: a goal, an indicator, a project or a social-plan line. */
export const TARGET_KINDS = ['GOAL', 'INDICATOR', 'PROJECT', 'SOCIAL_LINE'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];
export interface RecommendationTarget {
  kind: TargetKind;
  /** Goal id ("73001-2024-ACU-COB-URB"), indicator code, project id or social line code. */
  id: string;
}

export const DECISIONS = ['ACCEPTED', 'PARTIALLY_ACCEPTED', 'REJECTED'] as const;
export type Decision = (typeof DECISIONS)[number];

/** The two councils the administration presents its goals to (Decreto 028 de 2008 art. 17). */
export const FORUMS = ['CTP', 'CONSEJO_POLITICA_SOCIAL'] as const;
export type Forum = (typeof FORUMS)[number];

/**
 * A semester seal of the whole log (RFC 9162 tree head signed with Ed25519), as the review packet
 * fixes it: enough for anyone to check later that the record the CTP read was not rewritten.
 */
export interface SealReference {
  semester: string;
  /** Id of the seal event in the `seals` stream. */
  eventId: string;
  treeSize: number;
  rootHash: string;
  /** Compact JWS (EdDSA, Ed25519) over the canonical head. */
  signature: string;
  /** RFC 7638 thumbprint of the signing key, published at `/.well-known/jwks.json`. */
  keyId: string;
  signedAt: string;
}

export interface ConceptValue {
  concept: Concept;
  text: string;
}

export interface ReviewOpened {
  type: 'ReviewOpened';
  data: {
    reviewId: string;
    daneCode: string;
    departmentCode: string;
    municipality: string;
    firstYear: number;
    semester: string;
    /** The packet's valid time: the end of the semester (ISO instant). */
    asOf: string;
    /** The packet's record time: the opening instant (ISO instant). */
    knownAt: string;
    seal: SealReference | null;
  };
}

export interface ConceptRecorded {
  type: 'ConceptRecorded';
  data: ConceptValue & { previous: ConceptValue | null };
}

/** A change of the concepto after the review was closed: a correction, with its reason. */
export interface ConceptCorrected {
  type: 'ConceptCorrected';
  data: ConceptValue & { previous: ConceptValue };
}

export interface RecommendationAdded {
  type: 'RecommendationAdded';
  data: { recommendationId: string; target: RecommendationTarget; text: string };
}

export interface RecommendationCorrected {
  type: 'RecommendationCorrected';
  data: {
    recommendationId: string;
    target: RecommendationTarget;
    text: string;
    previous: { target: RecommendationTarget; text: string };
    /** Made after closing: the record shows it as a correction of a final recommendation. */
    afterClosing: boolean;
  };
}

export interface ReviewClosed {
  type: 'ReviewClosed';
  /** What closing made final. */
  data: { concept: Concept; recommendationIds: string[] };
}

export interface Response {
  decision: Decision;
  justification: string;
  /** AAAA-MM-DD; present when the recommendation is accepted (fully or partially). */
  commitmentDate: string | null;
}

export interface RecommendationAnswered {
  type: 'RecommendationAnswered';
  data: Response & { recommendationId: string; previous: Response | null };
}

export interface Presentation {
  presentationId: string;
  forum: Forum;
  /** AAAA-MM-DD, within the review's semester. */
  date: string;
  /** Acta of the session, e.g. "Acta 07 de 2025". */
  act: string;
  attendance: number;
}

export interface PresentationRecorded {
  type: 'PresentationRecorded';
  data: Presentation;
}

export type ReviewEvent =
  | ReviewOpened
  | ConceptRecorded
  | ConceptCorrected
  | RecommendationAdded
  | RecommendationCorrected
  | ReviewClosed
  | RecommendationAnswered
  | PresentationRecorded;

export const REVIEW_EVENT_TYPES: ReadonlySet<string> = new Set<ReviewEvent['type']>([
  'ReviewOpened',
  'ConceptRecorded',
  'ConceptCorrected',
  'RecommendationAdded',
  'RecommendationCorrected',
  'ReviewClosed',
  'RecommendationAnswered',
  'PresentationRecorded',
]);

export const isReviewEvent = (fact: { type: string }): fact is ReviewEvent =>
  REVIEW_EVENT_TYPES.has(fact.type);

/** Which review a stream is: municipality, cuatrienio and semester. */
export interface ReviewKey {
  daneCode: string;
  firstYear: number;
  /** "AAAA-1" or "AAAA-2". */
  semester: string;
}

/** What every review stream's name starts with. */
export const REVIEW_STREAM_PREFIX = 'ctpreview-';

export const reviewStreamId = (key: ReviewKey): string =>
  `${REVIEW_STREAM_PREFIX}${key.daneCode}-${key.firstYear}-${key.semester}`;

const REVIEW_STREAM = /^ctpreview-(\d{5})-(\d{4})-(\d{4}-[12])$/;

export function reviewKeyOf(stream: string): ReviewKey | null {
  const match = REVIEW_STREAM.exec(stream);
  return match ? { daneCode: match[1]!, firstYear: Number(match[2]), semester: match[3]! } : null;
}

/** A recommendation is cited as `{reviewId}/{recommendationId}`, e.g. `ctpreview-73001-2024-2025-1/R2`. */
export const recommendationRef = (reviewId: string, recommendationId: string): string =>
  `${reviewId}/${recommendationId}`;

const RECOMMENDATION_REF = /^(ctpreview-\d{5}-\d{4}-\d{4}-[12])\/(R\d{1,3})$/;

export function parseRecommendationRef(
  ref: string,
): { reviewId: string; recommendationId: string } | null {
  const match = RECOMMENDATION_REF.exec(ref);
  return match ? { reviewId: match[1]!, recommendationId: match[2]! } : null;
}
