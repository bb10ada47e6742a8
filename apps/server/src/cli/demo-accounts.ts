import type {
  PatientProfileInput,
  PhysicianProfileInput,
  SignupRole,
  TherapistProfileInput,
} from "@mm/domain";

/** The documented demo password (README). Demo data only: never used for real accounts. */
export const DEMO_PASSWORD = "demo-password-2026";

/**
 * The demo physicians' TOTP secret (README): physicians sign prescriptions only with two-factor sign-in on, so
 * the demo ones have it, with a published secret any authenticator app (or `oathtool --totp -b`) accepts.
 */
export const DEMO_TOTP_SECRET = "PRESCRIBEDMASSAGEDEMOPHYSICIANXX";

/** Where the demo's people live (the NY therapist aside): the demo's clinical days are days here. */
export const DEMO_TIME_ZONE = "America/Los_Angeles";

type Account<P> = { email: string; name: string; role: SignupRole; verified: boolean; profile: P };

export const DEMO_PATIENT: Account<PatientProfileInput> = {
  email: "patient@demo.example",
  name: "Pat Morgan",
  role: "patient",
  verified: true,
  profile: {
    role: "patient",
    name: "Pat Morgan",
    timeZone: DEMO_TIME_ZONE,
    dateOfBirth: "1979-04-12",
    state: "CA",
    phone: "(415) 555-0132",
    medicalConditions: ["Chronic low back pain", "Mild hypertension"],
    medications: ["Ibuprofen 400 mg as needed", "Lisinopril 10 mg daily"],
    allergies: ["Latex"],
  },
};

export const DEMO_PHYSICIANS: Account<PhysicianProfileInput>[] = [
  {
    email: "physician@demo.example",
    name: "Dr. Alicia Chen",
    role: "physician",
    verified: true,
    profile: {
      role: "physician",
      name: "Dr. Alicia Chen",
      timeZone: DEMO_TIME_ZONE,
      npi: "1234567893",
      practice: "Bayview Family Medicine",
      state: "CA",
      phone: "(415) 555-0100",
    },
  },
  {
    email: "physician2@demo.example",
    name: "Dr. Marcus Webb",
    role: "physician",
    verified: true,
    profile: {
      role: "physician",
      name: "Dr. Marcus Webb",
      timeZone: DEMO_TIME_ZONE,
      npi: "1245319599",
      practice: "Sunset Spine & Sports",
      state: "CA",
    },
  },
];

export const DEMO_THERAPISTS: Account<TherapistProfileInput>[] = [
  {
    email: "therapist@demo.example",
    name: "Jordan Rivera, LMT",
    role: "therapist",
    verified: true,
    profile: {
      role: "therapist",
      name: "Jordan Rivera, LMT",
      timeZone: DEMO_TIME_ZONE,
      credentialKind: "license",
      credentialNumber: "CMT-104233",
      credentialState: "CA",
      credentialExpiresOn: "2028-06-30",
      npi: "1671234569",
      specialties: ["medical", "myofascial_release", "trigger_point"],
      payers: ["Blue Shield of California", "Aetna"],
      bio: "Medical massage for chronic back and neck pain; 12 years in clinic.",
      phone: "(415) 555-0177",
    },
  },
  {
    email: "therapist2@demo.example",
    name: "Sam Okafor, LMT",
    role: "therapist",
    verified: true,
    profile: {
      role: "therapist",
      name: "Sam Okafor, LMT",
      timeZone: DEMO_TIME_ZONE,
      credentialKind: "license",
      credentialNumber: "CMT-220871",
      credentialState: "CA",
      credentialExpiresOn: "2027-01-31",
      specialties: ["sports", "deep_tissue"],
      payers: ["Kaiser Permanente"],
      bio: "Sports and deep tissue massage.",
    },
  },
  {
    email: "masseuse@demo.example",
    name: "Robin Lee",
    role: "therapist",
    verified: false,
    profile: {
      role: "therapist",
      name: "Robin Lee",
      timeZone: DEMO_TIME_ZONE,
      credentialKind: "none",
      specialties: ["deep_tissue"],
      payers: [],
      bio: "Relaxation massage (no state credential).",
    },
  },
  {
    email: "therapist-ny@demo.example",
    name: "Taylor Brooks, LMT",
    role: "therapist",
    verified: true,
    profile: {
      role: "therapist",
      name: "Taylor Brooks, LMT",
      timeZone: "America/New_York",
      credentialKind: "license",
      credentialNumber: "NY-031552",
      credentialState: "NY",
      credentialExpiresOn: "2029-02-28",
      specialties: ["medical", "orthopedic"],
      payers: ["Aetna"],
    },
  },
];
