// What the roster page needs from npm, and nothing else: age's Encrypter (to the bureau's X25519
// recipients) and fflate's unzip (an XLSX file is a zip of XML parts; the page parses the XML
// with the browser's own DOMParser). Exposed as window.PeixunVendor.
export { Encrypter } from "age-encryption";
export { unzipSync } from "fflate";
