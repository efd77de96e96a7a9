; The image is closed while the Colorize Manga dialog is open (drive-dialogs.sh closes its
; window with Ctrl+W, then presses OK). GIMP keeps the image alive until the call returns, so
; the call ends without an error (a crash of the plug-in would be one) and the image is gone
; afterwards; GIMP and the plug-in go on working.
(let* ((image (make-page PRECISION-U8-NON-LINEAR))
       (source (page-layer image)))
  (gimp-image-convert-rgb image)
  (gimp-display-new image)
  (gimp-image-clean-all image)  ; so that closing it asks nothing
  (check "OK after the image was closed ends without an error"
         (not (fails? (lambda ()
                        (plug-in-colorize-manga #:run-mode RUN-INTERACTIVE #:image image
                                                #:drawables (vector source))))))
  (check "the image is gone" (not (gimp-image-id-is-valid image))))
(let* ((image (make-page PRECISION-U8-NON-LINEAR))
       (source (page-layer image)))
  (colorize image source)
  (check "the next page colorizes" (= (vector-length (gimp-image-get-layers image)) 2)))
(done)
