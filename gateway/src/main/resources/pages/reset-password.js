"use strict";
// The reset link carries the token in the query; it is sent once, to the confirm endpoint of this origin.
(function () {
  var token = new URLSearchParams(window.location.search).get("token");
  var form = document.getElementById("reset-form");
  var message = document.getElementById("message");
  var submit = document.getElementById("submit");

  function show(text, kind) {
    message.textContent = text;
    message.className = kind;
  }

  if (!token) {
    form.hidden = true;
    show("This link is incomplete. Open the link from the email again, or ask for a new one.", "error");
    return;
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var password = document.getElementById("new-password").value;
    var repeat = document.getElementById("repeat-password").value;
    if (password !== repeat) {
      show("The two passwords are not the same.", "error");
      document.getElementById("repeat-password").focus();
      return;
    }
    submit.disabled = true;
    fetch("/reset-password/confirm", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ token: token, new_password: password })
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (body) {
        if (response.ok) {
          form.hidden = true;
          show("Your password has been changed. You can now log in with it; every other session was signed out.",
               "success");
        } else {
          show(body.error || "The password could not be changed (error " + response.status + ").", "error");
          submit.disabled = false;
        }
      });
    }).catch(function () {
      show("The service could not be reached. Check your connection and try again.", "error");
      submit.disabled = false;
    });
  });
})();
