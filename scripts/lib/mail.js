'use strict';
/**
 * The local mail catcher of `npm start` and the e2e: MailDev (a devDependency), listening on
 * 127.0.0.1 only, SMTP without TLS, with a web page to read what n8n's Send Email node sent.
 * Its REST API (`GET /email`) lets the e2e read the messages.
 */
const path = require('node:path');
const { startDetached, waitFor, freePort } = require('./proc');

const ROOT = path.resolve(__dirname, '..', '..');
const MAILDEV_BIN = path.join(ROOT, 'node_modules', 'maildev', 'bin', 'maildev');
const MAIL_CREDENTIAL_ID = 'harvestMailCatcher01';
const MAIL_CREDENTIAL_NAME = 'Mail catcher (MailDev, local)';

/** Starts MailDev on the given ports (0: any free one). Resolves { child, url, smtpPort, webPort }. */
async function startMailCatcher({ smtpPort = 0, webPort = 0, log, echo = false, logFile } = {}) {
	const smtp = smtpPort || (await freePort());
	const web = webPort || (await freePort());
	const child = startDetached(
		process.execPath,
		[
			MAILDEV_BIN,
			'--smtp',
			String(smtp),
			'--web',
			String(web),
			'--ip',
			'127.0.0.1',
			'--web-ip',
			'127.0.0.1',
		],
		{ cwd: ROOT, env: { ...process.env }, name: 'maildev', echo, logFile },
	);
	await waitFor(child, /MailDev webapp running at/, 60000, 'MailDev webapp running at');
	const url = `http://127.0.0.1:${web}`;
	if (log) log(`Mail catcher (MailDev) on ${url}, SMTP 127.0.0.1:${smtp}`);
	return { child, url, smtpPort: smtp, webPort: web };
}

/** n8n's SMTP credential for the catcher: plain SMTP, no STARTTLS (n8n then sets nodemailer's ignoreTLS). */
function mailCredential(mail) {
	return {
		id: MAIL_CREDENTIAL_ID,
		name: MAIL_CREDENTIAL_NAME,
		type: 'smtp',
		data: {
			user: '',
			password: '',
			host: '127.0.0.1',
			port: mail.smtpPort,
			secure: false,
			disableStartTls: true,
		},
	};
}

/** The messages the catcher holds, oldest first (MailDev's `GET /email`). */
async function caughtEmails(mail) {
	const res = await fetch(`${mail.url}/email`);
	if (!res.ok) throw new Error(`MailDev GET /email → ${res.status}`);
	return await res.json();
}

module.exports = {
	startMailCatcher,
	mailCredential,
	caughtEmails,
	MAIL_CREDENTIAL_ID,
	MAIL_CREDENTIAL_NAME,
};
