/**
 * Imported first by benchmarks that serve requests: graphql-js decides at load time whether to run
 * its development checks (a cross-realm `instanceOf` on every type), which a production server
 * does not pay. Setting it here, before anything loads graphql, measures what production runs.
 */
process.env.NODE_ENV = 'production';
