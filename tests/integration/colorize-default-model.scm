; The shipped default model on the sample page: a new layer with real colors, the source layer
; unchanged.
(let* ((image (gimp-file-load RUN-NONINTERACTIVE
                              (string-append test-dir "/../../samples/sample-page.png")))
       (source (page-layer image))
       (before-histogram (value-histogram source)))
  (colorize image source)
  (let* ((layers (gimp-image-get-layers image))
         (colored (vector-ref layers 0)))
    (check "a new layer was added" (= (vector-length layers) 2))
    (check "the source histogram is unchanged"
           (equal? (value-histogram source) before-histogram))
    (check "the new layer is named after the default model"
           (string=? (gimp-item-get-name colored)
                     (string-append (gimp-item-get-name source)
                                    " (colorized, Colorize Manga default)")))
    (let ((chroma (mean-chroma image colored)))
      (display "mean chroma: ") (display chroma) (newline)
      (check "the new layer is clearly colored" (> chroma 5))))
  (gimp-image-delete image))
(done)
