; The shipped default model on the gray sample page: a new layer with real colors, the source
; layer unchanged.
(let* ((image (gimp-file-load RUN-NONINTERACTIVE
                              (string-append test-dir "/../../samples/sample-page-gray.png")))
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
    ; The flat fill reaches the core: without it (the network's raw colors) the layer differs.
    (let* ((raw-image (gimp-file-load RUN-NONINTERACTIVE
                                      (string-append test-dir "/../../samples/sample-page-gray.png")))
           (raw-source (page-layer raw-image)))
      (plug-in-colorize-manga #:run-mode RUN-NONINTERACTIVE #:image raw-image
                              #:drawables (vector raw-source) #:flat-colors FALSE)
      (let ((flat-copy (gimp-layer-copy colored))
            (raw (gimp-layer-new-from-drawable (page-layer raw-image) image)))
        (gimp-image-insert-layer image flat-copy 0 0)
        (gimp-image-insert-layer image raw 0 0)
        (gimp-layer-set-mode raw LAYER-MODE-DIFFERENCE)
        (let* ((difference (gimp-image-merge-down image raw EXPAND-AS-NECESSARY))
               (mean (car (value-histogram difference))))
          (display "mean difference flat/raw: ") (display mean) (newline)
          (check "flat colors differ from the raw colors" (> mean 1))
          (gimp-image-remove-layer image difference)))
      (gimp-image-delete raw-image))
    (let ((chroma (mean-chroma image colored)))
      (display "mean chroma: ") (display chroma) (newline)
      (check "the new layer is clearly colored" (> chroma 5))))
  (gimp-image-delete image))
(done)
