import { describe, expect, it } from 'vitest';
import { createRawSnippet } from 'svelte';
import { render } from 'svelte/server';
import ReasonField from './ReasonField.svelte';

const props = {
	id: 'reason',
	label: '原因',
	value: '已核实',
	maxlength: 200,
	placeholder: '请写明原因',
	testid: 'void-reason',
	children: createRawSnippet(() => ({ render: () => '<p data-testid="count">3/200</p>' }))
};

describe('ReasonField', () => {
	it('posts under its id, keeps the value and shows the page’s line while there is no error', () => {
		const html = render(ReasonField, { props }).body;
		expect(html).toMatch(/<label for="reason">原因<\/label>/);
		expect(html).toMatch(/<textarea id="reason" name="reason"[^>]*maxlength="200"/);
		expect(html).toContain('>已核实</textarea>');
		expect(html).toContain('aria-invalid="false"');
		expect(html).not.toContain('aria-describedby');
		expect(html).toContain('data-testid="count"');
	});

	it('shows the refusal instead, described by it, with the field’s test id and -error', () => {
		const html = render(ReasonField, { props: { ...props, error: '请填写原因。' } }).body;
		expect(html).toContain('aria-invalid="true"');
		expect(html).toContain('aria-describedby="reason-note"');
		expect(html).toMatch(
			/<div class="error" id="reason-note" data-testid="void-reason-error">请填写原因。<\/div>/
		);
		expect(html).not.toContain('data-testid="count"');
	});
});
