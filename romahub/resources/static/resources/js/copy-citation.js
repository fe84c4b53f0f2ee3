// "Copy the citation" on a resource page. Without this file (or without a clipboard), the citation
// is plain text that selects as a whole with one tap or click.
(() => {
  const wrapper = document.querySelector("[data-copy]");
  const source = wrapper && document.getElementById(wrapper.dataset.copy);
  if (!source || !navigator.clipboard) return;
  const button = wrapper.querySelector("button");
  const status = wrapper.querySelector("[role=status]");
  wrapper.hidden = false;
  button.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(source.textContent.trim());
      status.textContent = wrapper.dataset.copied;
    } catch {
      status.textContent = wrapper.dataset.failed;
    }
  });
})();
