package cn.degreehub.admin;

import cn.degreehub.common.DegreeHubException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The admin REST API answers a refused action with the same stable codes and two languages as SOAP faults. */
@RestControllerAdvice(basePackages = "cn.degreehub")
public class AdminApiErrors {

    @ExceptionHandler(DegreeHubException.class)
    ResponseEntity<Map<String, Object>> refused(DegreeHubException e) {
        HttpStatus status = switch (e.code()) {
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case UNAUTHENTICATED -> HttpStatus.UNAUTHORIZED;
            case INVALID_STATE, DUPLICATE_RECORD -> HttpStatus.CONFLICT;
            case RATE_LIMITED -> HttpStatus.TOO_MANY_REQUESTS;
            case PAYLOAD_TOO_LARGE -> HttpStatus.PAYLOAD_TOO_LARGE;
            case INTERNAL -> HttpStatus.INTERNAL_SERVER_ERROR;
            default -> HttpStatus.BAD_REQUEST;
        };
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", e.code().value());
        body.put("messageZh", e.messageZh());
        body.put("messageEn", e.messageEn());
        if (e.field() != null) {
            body.put("field", e.field());
        }
        return ResponseEntity.status(status).body(body);
    }

    /** A path or query parameter of the wrong type (an id that is no number, months=x): the parameter named. */
    @ExceptionHandler(org.springframework.web.method.annotation.MethodArgumentTypeMismatchException.class)
    ResponseEntity<Map<String, Object>> wrongType(org.springframework.web.method.annotation.MethodArgumentTypeMismatchException e) {
        return refused(DegreeHubException.invalid(e.getName(), "参数 " + e.getName() + " 的值无效",
                "The value of " + e.getName() + " is not valid"));
    }

    @ExceptionHandler(org.springframework.web.bind.MissingServletRequestParameterException.class)
    ResponseEntity<Map<String, Object>> missing(org.springframework.web.bind.MissingServletRequestParameterException e) {
        return refused(DegreeHubException.invalid(e.getParameterName(), "缺少参数 " + e.getParameterName(),
                "Parameter " + e.getParameterName() + " is missing"));
    }

    /** A body that is no JSON, or not the JSON the operation takes. */
    @ExceptionHandler(org.springframework.http.converter.HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, Object>> unreadable(org.springframework.http.converter.HttpMessageNotReadableException e) {
        return refused(DegreeHubException.invalid("body", "请求体不是该操作接受的 JSON", "The body is not the JSON this operation takes"));
    }
}
