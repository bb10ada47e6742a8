/** Server-rendered documents, uploads and the FHIR export: functions the HTTP routes call with a request context. */
export {
  type Download,
  fileDownload,
  fileUpload,
  letterDownload,
  prescriptionDownload,
  prescriptionVerification,
  superbillDownload,
} from "./downloads";
export { capabilityStatement } from "./fhir";
export { patientEverything, referralBundle } from "./fhir-service";
export { type FileStore, type S3Settings, s3FileStore } from "./file-store";
export { recordZip } from "./record-zip";
