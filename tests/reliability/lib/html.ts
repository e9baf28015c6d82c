/** Just enough HTML reading for the forms SvelteKit renders (no parser package in the project). */

export interface FormField {
	name: string;
	tag: 'input' | 'select' | 'textarea' | 'button';
	type: string;
	value: string;
	checked: boolean;
	options: string[];
	maxlength: number | null;
	required: boolean;
}

export interface HtmlForm {
	/** The action attribute as written, e.g. `?/pay`, `/logout`, '' (the default action). */
	action: string;
	method: string;
	enctype: string;
	fields: FormField[];
}

const attr = (tag: string, name: string): string | null => {
	const m = new RegExp(`\\s${name}(?:=(?:"([^"]*)"|'([^']*)'|([^\\s>]+)))?(?=[\\s/>])`, 'i').exec(
		tag
	);
	if (!m) return null;
	return decode(m[1] ?? m[2] ?? m[3] ?? '');
};

export function decode(s: string): string {
	return s
		.replace(/&quot;/g, '"')
		.replace(/&#39;/g, "'")
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&#(\d+);/g, (_m, n) => String.fromCodePoint(Number(n)))
		.replace(/&amp;/g, '&');
}

function fieldsOf(body: string): FormField[] {
	const out: FormField[] = [];
	const re = /<(input|select|textarea|button)\b([^>]*)>/gi;
	let m: RegExpExecArray | null;
	while ((m = re.exec(body))) {
		const tag = m[1].toLowerCase() as FormField['tag'];
		const t = m[0];
		const name = attr(t, 'name');
		if (!name) continue;
		const f: FormField = {
			name,
			tag,
			type: (attr(t, 'type') ?? (tag === 'input' ? 'text' : tag)).toLowerCase(),
			value: attr(t, 'value') ?? '',
			checked: attr(t, 'checked') !== null,
			options: [],
			maxlength: attr(t, 'maxlength') ? Number(attr(t, 'maxlength')) : null,
			required: attr(t, 'required') !== null
		};
		if (tag === 'select') {
			const end = body.indexOf('</select>', m.index);
			const inner = body.slice(m.index, end);
			const opts = [...inner.matchAll(/<option\b([^>]*)>/gi)].map((o) => ({
				value: attr(o[0], 'value') ?? '',
				selected: attr(o[0], 'selected') !== null
			}));
			f.options = opts.map((o) => o.value);
			f.value = (opts.find((o) => o.selected) ?? opts[0])?.value ?? '';
		}
		if (tag === 'textarea') {
			const end = body.indexOf('</textarea>', m.index);
			f.value = decode(body.slice(m.index + m[0].length, end));
		}
		out.push(f);
	}
	return out;
}

export function forms(html: string): HtmlForm[] {
	const out: HtmlForm[] = [];
	const re = /<form\b([^>]*)>([\s\S]*?)<\/form>/gi;
	let m: RegExpExecArray | null;
	while ((m = re.exec(html))) {
		const open = `<form${m[1]}>`;
		out.push({
			action: attr(open, 'action') ?? '',
			method: (attr(open, 'method') ?? 'get').toLowerCase(),
			enctype: attr(open, 'enctype') ?? 'application/x-www-form-urlencoded',
			fields: fieldsOf(m[2])
		});
	}
	return out;
}

/** The action name a form posts to (`default` for a page's unnamed action), or null for another page. */
export function actionName(form: HtmlForm): string | null {
	const a = form.action;
	if (a === '' || a === '?') return 'default';
	const named = /^\?\/([\w-]+)/.exec(a);
	return named ? named[1] : null;
}

/** What a browser would submit: checked boxes and radios, every other named field as it stands. */
export function submission(form: HtmlForm): [string, string][] {
	const out: [string, string][] = [];
	for (const f of form.fields) {
		if (f.tag === 'button' || f.type === 'submit' || f.type === 'file') continue;
		if ((f.type === 'checkbox' || f.type === 'radio') && !f.checked) continue;
		out.push([f.name, f.type === 'checkbox' && f.value === '' ? 'on' : f.value]);
	}
	return out;
}
