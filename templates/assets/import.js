// /admin/import: reads the chosen CSV file into the form's text field, so
// that the administrator need not copy and paste it. Without JavaScript
// the field is filled in by hand; the server reads only the field.
(function () {
  "use strict";
  var input = document.getElementById("f-file");
  var content = document.getElementById("f-content");
  var filename = document.getElementById("f-filename");
  if (!input || !content || !window.FileReader) {
    return;
  }
  input.hidden = false;
  var label = document.querySelector("label[for='f-file']");
  if (label) {
    label.hidden = false;
  }
  input.addEventListener("change", function () {
    var file = input.files && input.files[0];
    if (!file) {
      return;
    }
    var reader = new FileReader();
    reader.onload = function () {
      content.value = String(reader.result || "");
      if (filename && !filename.value) {
        filename.value = file.name;
      }
    };
    // UTF-8, as the page asks the file to be; a byte order mark is kept
    // and dropped by the server.
    reader.readAsText(file, "utf-8");
  });
})();
