// Where the app serves Bootstrap Italia's CSS, fonts and icon sprite (server/app.ts).
// The version in the path lets browsers cache the files forever.
import biPackage from "bootstrap-italia/package.json";

export const BOOTSTRAP_ITALIA_BASE = `/vendor/bootstrap-italia/${biPackage.version}`;
export const SPRITE = `${BOOTSTRAP_ITALIA_BASE}/svg/sprites.svg`;
