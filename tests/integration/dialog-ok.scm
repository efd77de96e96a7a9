; Colorize Manga… on an RGB page, run with OK from its dialog (see drive-dialogs.sh).
(let* ((image (make-page PRECISION-U8-NON-LINEAR))
       (source (page-layer image)))
  (gimp-image-convert-rgb image)
  (let ((before (samples source)))
    (plug-in-colorize-manga #:run-mode RUN-INTERACTIVE #:image image
                            #:drawables (vector source))
    (check "OK added a layer" (= (vector-length (gimp-image-get-layers image)) 2))
    (check "the source pixels are unchanged" (equal? (samples source) before))))
(done)
