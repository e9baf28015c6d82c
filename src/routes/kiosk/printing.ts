/*
 * Printing on the hall's 80 mm printer. Chromium runs with --kiosk-printing, so print() goes to
 * the default printer without a dialog. The PDF is loaded into a hidden frame and printed from
 * there; if the frame cannot be scripted (the PDF refused to be framed, or no PDF viewer) the
 * page prints itself instead, laid out for the roll by its print stylesheet.
 *
 * Only a screen that has a printer prints by itself after taking a number: it is marked once by
 * opening any kiosk page with ?printer=1 (?printer=0 clears it); phones never are.
 */

const FLAG = 'kiosk-printer';

export function rememberPrinter(url: URL): void {
	const p = url.searchParams.get('printer');
	try {
		if (p === '1') localStorage.setItem(FLAG, '1');
		else if (p === '0') localStorage.removeItem(FLAG);
	} catch {
		/* storage disabled: no automatic printing */
	}
}

export function hasPrinter(): boolean {
	try {
		return localStorage.getItem(FLAG) === '1';
	} catch {
		return false;
	}
}

export function printPdf(href: string): void {
	const frame = document.createElement('iframe');
	frame.setAttribute('aria-hidden', 'true');
	frame.tabIndex = -1;
	frame.style.cssText = 'position:fixed;right:0;bottom:0;width:1px;height:1px;border:0;opacity:0';
	frame.onload = () => {
		try {
			frame.contentWindow!.focus();
			frame.contentWindow!.print();
		} catch {
			window.print();
		}
		// Long enough for the spooler to take the document.
		setTimeout(() => frame.remove(), 60_000);
	};
	frame.src = href;
	document.body.appendChild(frame);
}
