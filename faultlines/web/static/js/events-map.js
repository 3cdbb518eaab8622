// Events map: an offline base layer of country borders plus one marker per located event.
// Everything shown from an event is set with textContent: article data is hostile input.
(function () {
  "use strict";
  var el = document.getElementById("map");
  if (!el || !window.L) { return; }
  var status = document.getElementById("map-status");
  var map = L.map(el, { worldCopyJump: true, minZoom: 2, maxZoom: 10 }).setView([40, 68], 4);
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Borders: Natural Earth");

  function say(text) { if (status) { status.textContent = text; } }

  function get(url) {
    return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } }).then(function (r) {
      if (!r.ok) { throw new Error(url + ": HTTP " + r.status); }
      return r.json();
    });
  }

  function line(parent, tag, text, className) {
    var node = document.createElement(tag);
    node.textContent = text;
    if (className) { node.className = className; }
    parent.appendChild(node);
    return node;
  }

  function popup(feature) {
    var p = feature.properties || {};
    var box = document.createElement("div");
    box.className = "event-popup";
    line(box, "strong", (p.event_type || p.plover || "event") + (p.sub_event_type ? " · " + p.sub_event_type : ""));
    var where = p.location || p.admin1;
    var place = (where === p.country ? [where] : [where, p.country]).filter(Boolean).join(", ");
    line(box, "div", [p.date || "date unknown", place].filter(Boolean).join(" · "));
    var actors = [p.actor1, p.actor2].filter(Boolean).join(" → ");
    if (actors) { line(box, "div", actors, "actors"); }
    if (p.fatalities !== null && p.fatalities !== undefined && p.fatalities !== "") {
      line(box, "div", "fatalities: " + p.fatalities);
    }
    if (p.document && p.document.id) {
      var a = line(box, "a", p.document.title || p.document.id);
      a.href = el.dataset.article.replace("DOCID", encodeURIComponent(p.document.id)) + "?layer=event";
    }
    return box;
  }

  get(el.dataset.basemap).then(function (world) {
    L.geoJSON(world, {
      interactive: false,
      style: { color: "#9aa3ad", weight: 0.8, fillColor: "#f4f1ea", fillOpacity: 1 }
    }).addTo(map);
    el.setAttribute("data-basemap-loaded", String(world.features.length));
  }).catch(function (err) { say("Base map unavailable: " + err.message); });

  get(el.dataset.geojson).then(function (events) {
    var count = events.features.length;
    var layer = L.geoJSON(events, {
      pointToLayer: function (feature, latlng) {
        var dead = Number((feature.properties || {}).fatalities) || 0;
        return L.circleMarker(latlng, {
          radius: 5 + Math.min(10, Math.sqrt(dead) * 2), color: "#8b1e1e", weight: 1,
          fillColor: "#d9480f", fillOpacity: 0.75, className: "event-marker"
        });
      },
      onEachFeature: function (feature, marker) { marker.bindPopup(popup(feature)); }
    }).addTo(map);
    if (count) { map.fitBounds(layer.getBounds().pad(0.3), { maxZoom: 7 }); }
    el.setAttribute("data-markers", String(count));
    say(count ? count + " located event" + (count === 1 ? "" : "s") + " on the map" : "No located events for these filters.");
  }).catch(function (err) { say("Events unavailable: " + err.message); el.setAttribute("data-markers", "error"); });
}());
