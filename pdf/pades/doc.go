// Package pades signs and verifies the clinic's PDF forms with PAdES baseline B-B signatures
// (ETSI EN 319 142-1): a detached CMS signature over the whole file except its own /Contents,
// added as an incremental update so the signed form keeps the original bytes.
//
// The package is pure: bytes in, bytes out, keys from files. Sign is called by the forms code;
// Verify by `mhac forms verify` and the verification page; the key helpers by `mhac keys`.
//
// The PDF reader understands classic cross-reference tables with any number of incremental
// updates (what gofpdf and this package write); cross-reference streams and encrypted files are
// refused with an error.
package pades
