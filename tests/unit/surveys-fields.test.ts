// A builder checkbox must send "on" when ticked: rendered with value="" it sent an empty string,
// and "required" and "anonymous" were saved as false (found by tests/e2e/surveys.test.ts).
import { renderToStaticMarkup } from "react-dom/server";
import { createElement } from "react";
import { CheckBox } from "~/components/survey-fields.tsx";

it("renders a checkbox that sends on", () => {
  const html = renderToStaticMarkup(createElement(CheckBox, { id: "x-required", name: "required", label: "Obbligatoria", defaultChecked: true }));
  expect(html).toContain('value="on"');
  expect(html).not.toContain('value=""');
});
