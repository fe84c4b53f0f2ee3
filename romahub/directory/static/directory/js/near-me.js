// "Use my location" for the directory search. Without this file, readers type a postcode or town.
// The position goes only into this form's hidden fields, and from there into the search address.
(() => {
  const form = document.querySelector("[data-directory-form]");
  const wrapper = form && form.querySelector("[data-near-me]");
  if (!wrapper || !("geolocation" in navigator)) return;
  const button = wrapper.querySelector("[data-near-me-button]");
  const status = wrapper.querySelector("[data-near-me-status]");
  wrapper.hidden = false;
  button.addEventListener("click", () => {
    status.textContent = wrapper.dataset.finding;
    navigator.geolocation.getCurrentPosition(
      (position) => {
        form.elements.lat.value = position.coords.latitude.toFixed(2);
        form.elements.lon.value = position.coords.longitude.toFixed(2);
        form.elements.near.value = "";
        form.submit();
      },
      () => { status.textContent = wrapper.dataset.failed; },
      { timeout: 10000, maximumAge: 600000 },
    );
  });
})();
