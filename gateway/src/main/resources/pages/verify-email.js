"use strict";
// The verification link carries the token in the query; confirming it needs no input from the user.
(function () {
  var token = new URLSearchParams(window.location.search).get("token");
  var message = document.getElementById("message");

  function show(text, kind) {
    message.textContent = text;
    message.className = kind;
  }

  if (!token) {
    show("This link is incomplete. Open the link from the email again.", "error");
    return;
  }
  fetch("/verify-email", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ token: token })
  }).then(function (response) {
    return response.json().catch(function () { return {}; }).then(function (body) {
      if (response.ok) {
        show("Thank you: your email address is confirmed.", "success");
      } else {
        show(body.error || "The address could not be confirmed (error " + response.status + ").", "error");
      }
    });
  }).catch(function () {
    show("The service could not be reached. Check your connection and try again.", "error");
  });
})();
