/** The landing page at `/`: what this is, and the door for each role. Static, no script. */
export const LANDING_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<title>Prescribed Massage: one shared record for patient, physician and therapist</title>
<style>
  body { font-family: system-ui, sans-serif; margin: 0; color: #1b1f24; background: #f6f8fa; }
  main { max-width: 760px; margin: 0 auto; padding: 48px 24px; }
  h1 { font-size: 2rem; margin: 0 0 8px; }
  p.lead { font-size: 1.15rem; color: #3d4650; }
  ul { list-style: none; padding: 0; display: grid; gap: 16px; }
  a.card { display: block; padding: 20px 24px; background: #fff; border: 1px solid #d0d7de; border-radius: 10px;
    color: inherit; text-decoration: none; }
  a.card:hover, a.card:focus { border-color: #0b6bcb; outline: 2px solid #0b6bcb; }
  a.card strong { display: block; font-size: 1.2rem; color: #0b5cad; margin-bottom: 4px; }
</style>
</head>
<body>
<main>
  <h1>Prescribed Massage</h1>
  <p class="lead">Medical massage, prescribed and followed on one shared record: the request, the signed
  prescription, the plan of care, every session and how you feel, seen by you, your physician and your therapist.</p>
  <h2>Choose your portal</h2>
  <ul>
    <li><a class="card" href="/patient/"><strong>I am a patient</strong>Ask your physician for massage, choose a therapist and report how you feel.</a></li>
    <li><a class="card" href="/physician/"><strong>I am a physician</strong>Review requests, sign prescriptions and follow your patients' progress.</a></li>
    <li><a class="card" href="/therapist/"><strong>I am a massage therapist</strong>Accept referrals, agree the plan of care and record sessions.</a></li>
  </ul>
</main>
</body>
</html>`;
