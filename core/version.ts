/** The OpenLane version this code is: package.json's `version` (core/version.test.ts keeps them equal). */
export const OPENLANE_VERSION = '0.1.0';
