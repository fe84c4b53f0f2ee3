// The map mirrors a list that is already on the page: every item with data-lat and data-lon
// becomes a marker whose pop-up shows that item's own details. The list stays the primary view
// (keyboard and screen-reader users, and readers without JavaScript, have everything in it).
// Leaflet is fetched only when the reader asks for the map, so a phone on a slow or paid
// connection never downloads it unasked.
(() => {
  const root = document.querySelector("[data-map]");
  if (!root) return;
  const list = document.getElementById(root.dataset.mapList);
  const items = list ? [...list.querySelectorAll("[data-lat][data-lon]")] : [];
  if (!items.length) return;
  const toggle = root.querySelector("[data-map-toggle]");
  const status = root.querySelector("[data-map-status]");
  const canvas = root.querySelector("[data-map-canvas]");
  const note = root.querySelector("[data-map-note]");
  let map = null;

  const load = (tag, attributes) => new Promise((resolve, reject) => {
    const element = document.createElement(tag);
    Object.assign(element, attributes);
    element.onload = resolve;
    element.onerror = reject;
    document.head.append(element);
  });

  const loadLeaflet = async () => {
    if (window.L && window.L.markerClusterGroup) return;
    const styles = [root.dataset.cssLeaflet, root.dataset.cssCluster, root.dataset.cssClusterDefault];
    await Promise.all(styles.map((href) => load("link", { rel: "stylesheet", href })));
    await load("script", { src: root.dataset.jsLeaflet });
    await load("script", { src: root.dataset.jsCluster });
  };

  const escape = (text) => {
    const span = document.createElement("span");
    span.textContent = text;
    return span.innerHTML;
  };

  const clusterIcon = (cluster) => {
    const count = cluster.getChildCount();
    const label = root.dataset.clusterLabel.replace("{count}", count);
    const size = count < 10 ? "small" : count < 100 ? "medium" : "large";
    return L.divIcon({
      html: `<div><span aria-hidden="true">${count}</span><span class="visually-hidden">${escape(label)}</span></div>`,
      className: `marker-cluster marker-cluster-${size}`,
      iconSize: L.point(40, 40),
    });
  };

  const popupFor = (item) => {
    const details = item.cloneNode(true);
    details.removeAttribute("id");
    const box = document.createElement("div");
    box.className = "map__popup";
    box.append(...details.childNodes);
    return box;
  };

  const draw = () => {
    map = L.map(canvas, { scrollWheelZoom: false, maxZoom: 18 });
    if (root.dataset.tiles) {
      L.tileLayer(root.dataset.tiles, { maxZoom: 19, attribution: escape(root.dataset.attribution || "") }).addTo(map);
    }
    const cluster = L.markerClusterGroup({ iconCreateFunction: clusterIcon, showCoverageOnHover: false });
    const bounds = [];
    for (const item of items) {
      const point = [Number(item.dataset.lat), Number(item.dataset.lon)];
      const title = item.dataset.title || "";
      const marker = L.marker(point, { title, alt: title });
      marker.bindPopup(() => popupFor(item), { maxWidth: 280 });
      cluster.addLayer(marker);
      bounds.push(point);
    }
    map.addLayer(cluster);
    map.fitBounds(bounds, { padding: [24, 24], maxZoom: 14 });
  };

  const show = async () => {
    status.textContent = root.dataset.loading;
    try {
      await loadLeaflet();
    } catch (error) {
      status.textContent = root.dataset.failed;
      return;
    }
    canvas.hidden = false;
    note.hidden = false;
    if (!map) draw();
    else map.invalidateSize();
    status.textContent = "";
    toggle.textContent = root.dataset.hide;
    toggle.setAttribute("aria-expanded", "true");
  };

  const hide = () => {
    canvas.hidden = true;
    note.hidden = true;
    toggle.textContent = root.dataset.show;
    toggle.setAttribute("aria-expanded", "false");
  };

  root.hidden = false;
  toggle.setAttribute("aria-expanded", "false");
  toggle.addEventListener("click", () => (canvas.hidden ? show() : hide()));
})();
