// Inlined in every page's <head>, allowed by its hash: see consent/context_processors.py.
(function () {
  var root = document.documentElement;
  var pairs = function (text, separator) {
    var found = {};
    text.split(separator).forEach(function (pair) {
      pair = pair.split("=");
      if (pair[0]) found[pair[0]] = pair[1];
    });
    return found;
  };
  var current = pairs(root.dataset.consent || "", " ");
  var consent = (window.dimaConsent = {
    choices: function () {
      var match = /(?:^|; )cookie_consent="?([^";]*)/.exec(document.cookie);
      return match ? pairs(match[1], "|") : null;
    },
    decided: function () {
      var choices = consent.choices();
      return !!choices && Object.keys(current).every(function (group) {
        return choices[group] === "-1" || (choices[group] || "") >= current[group];
      });
    },
    allows: function (group) {
      var version = (consent.choices() || {})[group];
      return !!version && version !== "-1" && version >= (current[group] || "");
    },
  });
  if (consent.decided()) root.classList.add("consent-decided");
})();
